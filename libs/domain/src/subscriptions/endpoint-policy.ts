import type { EndpointRules } from './address-policy.js';

/**
 * The endpoint rules in force, as an injection token: local mode allows plain http and private
 * networks (so a webhook on 127.0.0.1 works), aws mode allows neither. Link-local and metadata
 * addresses are refused in every mode.
 */
export abstract class EndpointPolicy implements EndpointRules {
  abstract readonly allowPlainHttp: boolean;
  abstract readonly allowPrivateNetworks: boolean;
}

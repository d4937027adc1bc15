/** Settings the report use cases need, as an injection token (the adapters module provides it from the config). */
export abstract class ReportSettings {
  /** Shown in the report's header (`local`, `dev`, `prod`). */
  abstract readonly environment: string;
  /** How long links sent to subscribers stay valid (presigned S3 URLs; local file links never expire). */
  abstract readonly linkExpirySeconds: number;
}

import { awsClientConfig, s3ClientConfig } from './aws-client-config.js';

describe('awsClientConfig', () => {
  it('against AWS: region only, the SDK finds the credentials (the Lambda role)', () => {
    expect(awsClientConfig({ region: 'eu-west-1', endpointUrl: undefined }, {})).toEqual({ region: 'eu-west-1', maxAttempts: 4 });
    expect(s3ClientConfig({ region: 'eu-west-1', endpointUrl: undefined }, {}).forcePathStyle).toBe(false);
  });

  it('against an emulator: its endpoint, path-style S3, and placeholder credentials when the shell has none', () => {
    const config = s3ClientConfig({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:5000' }, {});
    expect(config).toEqual({
      region: 'us-east-1',
      maxAttempts: 4,
      endpoint: 'http://127.0.0.1:5000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'emulator', secretAccessKey: 'emulator' },
    });
  });

  it("keeps the shell's credentials for an emulator when it has some", () => {
    expect(
      awsClientConfig({ region: 'us-east-1', endpointUrl: 'http://localhost:4566' }, { AWS_PROFILE: 'localstack' }),
    ).not.toHaveProperty('credentials');
  });
});

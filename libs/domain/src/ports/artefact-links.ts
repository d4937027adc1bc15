/**
 * Links to stored artefacts that a person can open: a `file://` URL locally, a presigned S3 GET
 * URL on AWS.
 */
export abstract class ArtefactLinks {
  /** @example await links.linkTo('reports/2026-11-25/daily_report.html', 7 * 86400) */
  abstract linkTo(key: string, expiresInSeconds: number): Promise<string>;
}

/**
 * The one place a suite is skipped: when a service or tool it needs is missing (`reason` set).
 * On a laptop the suite is skipped with the reason printed, so `npm test` says what it left out;
 * with CI=true a missing dependency fails the run instead of hiding tests.
 * @example describeWhenAvailable('S3 adapter', motoUnavailableReason(), 'an AWS emulator', () => { … })
 */
export function describeWhenAvailable(title: string, reason: string | null | undefined, needs: string, body: () => void): void {
  if (!reason) {
    describe(title, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () =>
      it(`has ${needs} to run against (CI requires it)`, () => {
        throw new Error(`"${title}" cannot run: ${reason}`);
      }),
    );
    return;
  }
  console.warn(`Skipping "${title}": ${reason}.`);
  describe.skip(title, body); // not silently: the warning above names the suite and what it is missing (`reason`)
}

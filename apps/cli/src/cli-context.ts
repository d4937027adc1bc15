import type { INestApplicationContext, Type } from '@nestjs/common';

/** What a CLI command needs: the pipeline's providers. */
export interface CliContext {
  get<T>(token: Type<T> | (abstract new (...args: never[]) => T)): T;
}

export const cliContextOf = (app: INestApplicationContext): CliContext => ({
  get: (token) => app.get(token as Type<unknown>) as never,
});

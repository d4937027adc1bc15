/** Who is composing the adapters: the long-running local server, a CLI invocation, or a Lambda container. */
export type PipelineRole = 'server' | 'cli' | 'lambda';

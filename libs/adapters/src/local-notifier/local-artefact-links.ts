import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ArtefactLinks } from '@pipeline/domain/ports/artefact-links.js';

/** Local mode: the artefact's file in the object store folder, as a file:// URL (it never expires). */
export class LocalArtefactLinks extends ArtefactLinks {
  constructor(private readonly objectsRoot: string) {
    super();
  }

  async linkTo(key: string): Promise<string> {
    return pathToFileURL(join(this.objectsRoot, ...key.split('/'))).href;
  }
}

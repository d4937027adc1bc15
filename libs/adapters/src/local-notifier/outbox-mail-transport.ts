import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailMessage, MailTransport } from './mail-transport.js';

/**
 * Writes each e-mail as an RFC 5322 `.eml` file into `<DATA_DIR>/outbox/` (open it with any mail
 * client). Written to a temporary name and renamed, so a reader never sees half a message.
 */
export class OutboxMailTransport implements MailTransport {
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly folder: string) {}

  get description(): string {
    return `.eml files in ${this.folder}`;
  }

  async send(message: MailMessage): Promise<string> {
    const info = await this.composer.sendMail(toNodemailer(message));
    await mkdir(this.folder, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.id.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`;
    const path = join(this.folder, name);
    await writeFile(`${path}.tmp`, info.message as Buffer, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    return path;
  }
}

export function toNodemailer(m: MailMessage) {
  const domain = m.from.split('@')[1] ?? 'localhost';
  return { from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: `<${m.id}@${domain}>` };
}

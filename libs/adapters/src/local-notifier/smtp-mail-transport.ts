import nodemailer, { type Transporter } from 'nodemailer';
import type { MailMessage, MailTransport } from './mail-transport.js';
import { toNodemailer } from './outbox-mail-transport.js';

/** Sends through the SMTP server in SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly url: string) {
    this.transporter = nodemailer.createTransport(url);
  }

  get description(): string {
    return `SMTP at ${this.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`;
  }

  async send(message: MailMessage): Promise<string> {
    const info = await this.transporter.sendMail(toNodemailer(message));
    return `${this.description}: ${String(info.response ?? 'accepted')}`;
  }
}

/** One e-mail to one recipient. */
export interface MailMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Becomes the Message-ID's local part and the .eml file name. */
  readonly id: string;
}

/** Where e-mail goes locally: .eml files in the outbox, or an SMTP server when SMTP_URL is set. */
export interface MailTransport {
  readonly description: string;
  /** Returns where the message went (a file path or the SMTP server's answer). Throws when it could not be handed over. */
  send(message: MailMessage): Promise<string>;
}

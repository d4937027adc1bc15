/**
 * A JSON value still held as the JSON text it was read as (a jsonb column as PostgreSQL sent it).
 * An answer that is itself JSON can copy the text instead of parsing it into objects and
 * serialising them again; anything else sees the parsed value (`value()`, and `toJSON()`, so
 * JSON.stringify writes the same JSON value).
 *
 * @example new JsonText('{"a": 1}').value() // { a: 1 }
 */
export class JsonText {
  constructor(readonly text: string) {}

  value(): unknown {
    return JSON.parse(this.text);
  }

  toJSON(): unknown {
    return this.value();
  }
}

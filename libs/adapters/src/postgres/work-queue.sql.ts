/**
 * The work queue's statements. Every one that changes rows is a single statement (so it runs in
 * autocommit) whose top level is a SELECT over a data-modifying CTE, so it can report what it changed.
 */
export const workQueueSql = {
  send: `
    INSERT INTO work_queue (queue_name, body, visible_at)
    VALUES ($1, $2, now() + make_interval(secs => $3))
    RETURNING id::text AS id`,

  // Moves messages whose deliveries are used up to the DLQ as soon as they become visible again.
  deadLetterExhausted: `
    WITH exhausted AS (
      SELECT id FROM work_queue
      WHERE queue_name = $1 AND queue = 'main' AND visible_at <= now() AND receive_count >= $2
      FOR UPDATE SKIP LOCKED
    ), moved AS (
      UPDATE work_queue w SET queue = 'dead', dead_lettered_at = now(), receipt = NULL
      FROM exhausted WHERE w.id = exhausted.id RETURNING 1
    )
    SELECT count(*)::int AS n FROM moved`,

  receive: `
    WITH picked AS (
      SELECT id FROM work_queue
      WHERE queue_name = $1 AND queue = 'main' AND visible_at <= now() AND receive_count < $2
      ORDER BY id
      LIMIT $3
      FOR UPDATE SKIP LOCKED
    ), delivered AS (
      UPDATE work_queue w
      SET receive_count = w.receive_count + 1, visible_at = now() + make_interval(secs => $4), receipt = gen_random_uuid()
      FROM picked WHERE w.id = picked.id
      RETURNING w.id, w.receipt, w.body, w.receive_count, w.sent_at
    )
    SELECT id::text AS id, receipt::text AS receipt, body, receive_count, sent_at FROM delivered ORDER BY id`,

  ack: `
    WITH deleted AS (DELETE FROM work_queue WHERE receipt = $1::uuid AND queue = 'main' RETURNING 1)
    SELECT count(*)::int AS n FROM deleted`,

  retry: `
    WITH changed AS (
      UPDATE work_queue SET visible_at = now() + make_interval(secs => $2)
      WHERE receipt = $1::uuid AND queue = 'main' RETURNING 1
    )
    SELECT count(*)::int AS n FROM changed`,

  depth: `
    SELECT count(*) FILTER (WHERE visible_at <= now())::int AS visible,
           count(*) FILTER (WHERE visible_at > now())::int AS in_flight
    FROM work_queue WHERE queue_name = $1 AND queue = 'main'`,

  deadLetterDepth: `SELECT count(*)::int AS n FROM work_queue WHERE queue_name = $1 AND queue = 'dead'`,

  peekDeadLetters: `
    SELECT id::text AS id, NULL AS receipt, body, receive_count, sent_at FROM work_queue
    WHERE queue_name = $1 AND queue = 'dead' ORDER BY id LIMIT $2`,

  redrive: `
    WITH picked AS (
      SELECT id FROM work_queue WHERE queue_name = $1 AND queue = 'dead' ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
    ), moved AS (
      UPDATE work_queue w
      SET queue = 'main', receive_count = 0, visible_at = now(), receipt = NULL, dead_lettered_at = NULL
      FROM picked WHERE w.id = picked.id RETURNING 1
    )
    SELECT count(*)::int AS n FROM moved`,
} as const;

import { describeDuplicateColumns, planColumns } from './column-plan.js';

describe('planColumns', () => {
  it.each([
    [
      ['OrderID', 'customerName', 'unit-price ($)'],
      true,
      { OrderID: 'order_id', customerName: 'customer_name', 'unit-price ($)': 'unit_price' },
    ],
    [['OrderID', 'customerName'], false, { OrderID: 'OrderID', customerName: 'customerName' }],
    [[], true, {}],
  ])('%j (snakeCase %s) → %j', (raw, snakeCaseFields, expected) => {
    const plan = planColumns(raw, { snakeCaseFields });
    expect(plan.ok).toBe(true);
    if (plan.ok) expect(Object.fromEntries(plan.mapping)).toEqual(expected);
  });

  it.each([
    [['Order ID', 'order_id', 'OrderId', 'amount'], [{ name: 'order_id', rawNames: ['Order ID', 'order_id', 'OrderId'] }]],
    [
      ['a b', 'a-b', 'C', 'c'],
      [
        { name: 'a_b', rawNames: ['a b', 'a-b'] },
        { name: 'c', rawNames: ['C', 'c'] },
      ],
    ],
  ])('reports collisions of %j', (raw, duplicates) => {
    expect(planColumns(raw, { snakeCaseFields: true })).toEqual({ ok: false, duplicates });
  });

  it('names every colliding raw field in the description', () => {
    const plan = planColumns(['Order ID', 'order_id'], { snakeCaseFields: true });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(describeDuplicateColumns(plan.duplicates)).toBe('fields "Order ID", "order_id" all become "order_id"');
  });
});

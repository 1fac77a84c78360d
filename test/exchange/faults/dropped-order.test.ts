import { describe, expect, it } from 'vitest';
import { faultsSchema } from '../../../src/exchange/faults/index.js';
import type { RunningExchange } from '../../../src/exchange/server.js';
import { KEYS, aScenario, anExchange, get } from '../helpers.js';

async function postOrder(exchange: RunningExchange, clientOrderId: string, symbol = 'AAPL'): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${exchange.baseUrl}/v2/orders`, {
    method: 'POST',
    headers: { ...KEYS, 'Content-Type': 'application/json' },
    body: JSON.stringify({ symbol, qty: '1', side: 'buy', type: 'market', time_in_force: 'day', client_order_id: clientOrderId }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('dropAfterOrderAccepted', () => {
  it('resets the connection of the Nth accepted order, which the exchange nevertheless keeps', async () => {
    const exchange = await anExchange(aScenario({ faults: faultsSchema.parse({ dropAfterOrderAccepted: 2 }) }));
    expect((await postOrder(exchange, 'first')).status).toBe(200);
    await expect(postOrder(exchange, 'second')).rejects.toThrow();

    const lookup = await get(exchange, '/v2/orders:by_client_order_id?client_order_id=second');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ client_order_id: 'second', symbol: 'AAPL', qty: '1' });

    // Only that one: later orders are answered again.
    expect(await postOrder(exchange, 'third')).toMatchObject({ status: 200, body: { client_order_id: 'third' } });
  });

  it('does not count an order the exchange rejected', async () => {
    const exchange = await anExchange(aScenario({ faults: faultsSchema.parse({ dropAfterOrderAccepted: 1 }) }));
    const unknownSymbol = await postOrder(exchange, 'bad', 'NOSUCH');
    expect(unknownSymbol.status).toBe(422);
    await expect(postOrder(exchange, 'good')).rejects.toThrow();
    expect((await get(exchange, '/v2/orders:by_client_order_id?client_order_id=good')).status).toBe(200);
    expect((await get(exchange, '/v2/orders:by_client_order_id?client_order_id=bad')).status).toBe(404);
  });
});

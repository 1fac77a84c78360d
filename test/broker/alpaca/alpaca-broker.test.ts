import { describe, expect, it } from 'vitest';
import { AlpacaBroker } from '../../../src/broker/alpaca/alpaca-broker.js';
import { BrokerError } from '../../../src/broker/port.js';
import type { Bar } from '../../../src/domain/index.js';
import { aScenario, HISTORY, useLocalExchange } from './local-exchange.js';

const lastClose = (bars: readonly Bar[]): number => bars[bars.length - 1]?.close ?? Number.NaN;

describe('AlpacaBroker against the local exchange', () => {
  const local = useLocalExchange();

  it('reads the account with equity = cash + positions at the last close', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start()));
    const account = await broker.getAccount();
    const held = 10 * lastClose(HISTORY.AAPL) + 5.5 * lastClose(HISTORY.MSFT);
    expect(account.cash).toBe(50_000);
    expect(account.buyingPower).toBe(50_000);
    expect(account.equity).toBeCloseTo(50_000 + held, 2);
    expect(account).toMatchObject({ status: 'ACTIVE', tradingBlocked: false, accountBlocked: false });
  });

  it('reads the positions, fractional quantity included, as numbers', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start()));
    const positions = await broker.getPositions();
    expect(positions.map((p) => p.symbol)).toEqual(['AAPL', 'MSFT']);
    const msft = positions.find((p) => p.symbol === 'MSFT');
    expect(msft?.qty).toBe(5.5);
    expect(msft?.avgEntryPrice).toBe(300);
    expect(msft?.currentPrice).toBeCloseTo(lastClose(HISTORY.MSFT), 4);
    expect(msft?.marketValue).toBeCloseTo(5.5 * lastClose(HISTORY.MSFT), 2);
  });

  it('reads an empty position list when nothing is held', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start(aScenario({ positions: [] }))));
    expect(await broker.getPositions()).toEqual([]);
  });

  it('reads the /v2/clock of an open Friday session in New York time', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start()));
    expect(await broker.getClock()).toEqual({
      timestamp: '2024-03-15T11:00:00-04:00',
      isOpen: true,
      nextOpen: '2024-03-18T09:30:00-04:00',
      nextClose: '2024-03-15T16:00:00-04:00',
    });
  });

  it('reports a closed market on a Saturday, opening on Monday', async () => {
    const saturday = aScenario({ clock: new Date('2024-03-16T15:00:00Z') });
    const clock = await new AlpacaBroker(local.clientFor(await local.start(saturday))).getClock();
    expect(clock.isOpen).toBe(false);
    expect(clock.nextOpen).toBe('2024-03-18T09:30:00-04:00');
  });

  it('returns known assets with their flags and leaves unknown symbols out', async () => {
    const client = local.clientFor(await local.start());
    const { value: assets, requests } = await client.countRequests(() =>
      new AlpacaBroker(client).getAssets(['AAPL', 'MSFT', 'XOM', 'GE', 'NOPE']),
    );
    expect(Object.fromEntries(assets)).toEqual({
      AAPL: { symbol: 'AAPL', status: 'active', tradable: true, fractionable: true },
      MSFT: { symbol: 'MSFT', status: 'active', tradable: true, fractionable: false },
      XOM: { symbol: 'XOM', status: 'active', tradable: false, fractionable: true },
      GE: { symbol: 'GE', status: 'inactive', tradable: true, fractionable: true },
    });
    // One list of active assets, then one of inactive ones for GE and NOPE: not one request per symbol.
    expect(requests).toBe(2);
  });

  it('needs a single request when every symbol is an active asset', async () => {
    const client = local.clientFor(await local.start());
    const { value: assets, requests } = await client.countRequests(() =>
      new AlpacaBroker(client).getAssets(['AAPL', 'XOM']),
    );
    expect([...assets.keys()].sort()).toEqual(['AAPL', 'XOM']);
    expect(requests).toBe(1);
  });

  it('returns no open orders for an account that has placed none', async () => {
    const broker = new AlpacaBroker(local.clientFor(await local.start()));
    expect(await broker.getOpenOrders()).toEqual([]);
  });

  it('fails with kind auth, naming the credential variables but not the secret, when the keys are wrong', async () => {
    const keys = { keyId: 'right-key-id', secretKey: 'right-secret-value' };
    const exchange = await local.start(aScenario({ keys }));
    const right = new AlpacaBroker(local.clientFor(exchange, keys));
    expect((await right.getAccount()).cash).toBe(50_000);

    const wrong = new AlpacaBroker(local.clientFor(exchange, { keyId: 'wrong-key-id', secretKey: 'wrong-secret-value' }));
    const failure = await wrong.getAccount().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BrokerError);
    const error = failure as BrokerError;
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toContain('APCA_API_KEY_ID / APCA_API_SECRET_KEY');
    expect(error.message).not.toContain('wrong-secret-value');
    expect(error.message).not.toContain('wrong-key-id');
  });
});

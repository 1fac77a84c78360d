import { AlpacaBroker } from '../../../src/broker/alpaca/alpaca-broker.js';
import { sleep } from '../../../src/broker/alpaca/backoff.js';
import { createAlpacaClient, LOCAL_EXCHANGE_RETRY } from '../../../src/broker/alpaca/client.js';
import { startExchange } from '../../../src/exchange/server.js';
import { brokerContract } from '../contract.js';

/** The Alpaca adapter, with the real SDK, against the local exchange over real HTTP on 127.0.0.1:0. */
brokerContract('AlpacaBroker over the local exchange', async (scenario) => {
  const exchange = await startExchange({ scenario });
  const client = createAlpacaClient({
    keyId: 'contract-key-id',
    secretKey: 'contract-secret',
    venue: 'local',
    tradingBaseUrl: exchange.baseUrl,
    dataBaseUrl: exchange.baseUrl,
    retry: LOCAL_EXCHANGE_RETRY,
    rateLimit: false,
    timeoutMs: 5_000,
  });
  const broker = new AlpacaBroker(client, { backoff: { baseMs: 20, maxMs: 200, maxRateLimitWaitMs: 5_000, sleep } });
  return { broker, close: () => exchange.close() };
});

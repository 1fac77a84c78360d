/**
 * Where orders go: the local exchange (a loopback host), Alpaca paper trading, or anything else, which is treated as
 * live money. Decided once, from the parsed trading URL, by the composition root.
 */
export type Venue = 'local' | 'paper' | 'live';

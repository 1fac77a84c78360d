export interface Account {
  readonly equity: number;
  readonly cash: number;
  readonly buyingPower: number;
  readonly status: string;
  readonly tradingBlocked: boolean;
  readonly accountBlocked: boolean;
}

export interface Position {
  readonly symbol: string;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly currentPrice: number;
  readonly marketValue: number;
}

export type OrderSide = 'buy' | 'sell';

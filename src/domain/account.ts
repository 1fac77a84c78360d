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

/** An order that is still working at the broker (not in a final state). */
export interface OpenOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: number;
  readonly status: string;
}

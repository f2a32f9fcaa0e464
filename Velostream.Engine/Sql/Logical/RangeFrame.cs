namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// A <c>RANGE BETWEEN s PRECEDING AND e PRECEDING|CURRENT ROW</c> frame with an offset: the rows whose
/// ORDER BY value lies from <see cref="Start"/> to <see cref="End"/> before the current row's (both
/// inclusive, so peers of the current row are in a frame that ends at CURRENT ROW). Offsets are
/// numbers, or milliseconds for an INTERVAL offset (<see cref="IsInterval"/>); a timestamp ORDER BY
/// value counts in epoch milliseconds.
/// </summary>
internal sealed record RangeFrame(decimal Start, decimal End, bool IsInterval);

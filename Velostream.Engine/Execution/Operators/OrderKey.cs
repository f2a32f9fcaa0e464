using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators;

/// <summary>One ORDER BY item, resolved to a column of the output row.</summary>
internal readonly record struct OrderKey(int Slot, bool Descending);

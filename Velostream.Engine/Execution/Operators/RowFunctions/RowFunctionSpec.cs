using Velostream.Engine.Execution.Expressions;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// One LAG/LEAD call: its argument, how many rows back (LAG) or ahead (LEAD), the default when
/// there is no such row, its partition, how many rows a partition keeps, and the row slot its value goes to.
/// </summary>
internal sealed record RowFunctionSpec(bool IsLead, Evaluator Argument, int Offset, Evaluator? Default, Evaluator[] Partition, int BufferRows, int Slot);

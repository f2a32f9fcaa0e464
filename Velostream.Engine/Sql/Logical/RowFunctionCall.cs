using Velostream.Engine.Sql.Ast;

namespace Velostream.Engine.Sql.Logical;

/// <summary>One LAG or LEAD: how many rows back or ahead it reads and how many rows a partition keeps.</summary>
internal sealed record RowFunctionCall(FunctionCall Call, bool IsLead, int Offset, int BufferRows);

using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>
/// The frame of an aggregate with OVER: <c>ROWS BETWEEN Start AND End</c> (or <c>RANGE …</c>, or
/// <c>ROWS Start</c> meaning <c>… AND CURRENT ROW</c>). Which rows of the partition's buffer the
/// aggregate reads for each row.
/// </summary>
internal sealed record WindowFrame(bool IsRange, FrameBound Start, FrameBound End, SourceLocation Location);

/// <summary>One end of a frame: <c>UNBOUNDED PRECEDING</c>, <c>n PRECEDING</c>, <c>CURRENT ROW</c>, <c>n FOLLOWING</c>, <c>UNBOUNDED FOLLOWING</c>; <see cref="Offset"/> is n (or the INTERVAL of a RANGE bound).</summary>
internal sealed record FrameBound(FrameBoundKind Kind, Expr? Offset, SourceLocation Location);

internal enum FrameBoundKind
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

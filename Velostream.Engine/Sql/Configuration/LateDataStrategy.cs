namespace Velostream.Engine.Sql.Configuration;

/// <summary><c>'late.data.strategy'</c>: what happens to a record behind the watermark (counted either way).</summary>
internal enum LateDataStrategy
{
    Drop,
    DeadLetter,
}

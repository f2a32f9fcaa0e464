using Velostream.Engine.Connectors;

namespace Velostream.Engine.Execution.Planning;

/// <summary>What the compiler must know about an opened source: its payload format and, for CSV, its columns.</summary>
internal sealed record SourceShape(PayloadFormat Format, IReadOnlyList<string>? Columns = null, bool IsFile = false, bool IsBounded = false)
{
    public static readonly SourceShape Json = new(PayloadFormat.Json);

    /// <summary>What the logical planner knows of the source.</summary>
    public Sql.Logical.SourceSchema Schema => new(Format, Columns, IsBounded, IsFile);

    public static SourceShape Of(IRecordSource source) =>
        new(source.Format, source.ColumnNames, source is Connectors.File.FileSource, source.IsBounded);
}

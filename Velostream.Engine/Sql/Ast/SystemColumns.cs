using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Ast;

/// <summary>The metadata columns every record carries, readable in any query.</summary>
internal static class SystemColumns
{
    public const string EventTime = "_event_time";
    public const string Timestamp = "_timestamp";
    public const string Offset = "_offset";
    public const string Partition = "_partition";
    public const string Topic = "_topic";
    public const string Key = "_key";
    public const string WindowStart = "_window_start";
    public const string WindowEnd = "_window_end";

    public static readonly IReadOnlyList<string> All =
        [EventTime, Timestamp, Offset, Partition, Topic, Key, WindowStart, WindowEnd];

    public static bool IsSystem(string name) => All.Contains(name, StringComparer.OrdinalIgnoreCase);
}

using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// The rule for interval joins of two Kafka streams: a replica joins partition p of one input with partition p of
/// the other, so both need the same partition count (and to be keyed by the join key). A stream–table join
/// has no such rule: every replica reads the whole table (<c>KafkaSource.Global</c>). Checked by
/// <c>validate</c> when both inputs declare their counts (<c>'&lt;name&gt;.partitions'</c>), and when
/// the job starts with the counts the cluster reports.
/// </summary>
internal static class CoPartitioning
{
    /// <summary>
    /// A located error for every join of <paramref name="scans"/>' Kafka inputs whose partition counts
    /// (as <paramref name="partitions"/> tells them; null when unknown) differ.
    /// </summary>
    public static IEnumerable<SqlDiagnostic> Check(IReadOnlyList<Scan> scans, IEnumerable<LogicalPlan> joins, Func<Scan, int?> partitions)
    {
        foreach (var join in joins)
        {
            if (join is not IntervalJoin { Right: var right, Location: var location } || !IsKafka(scans[0]) || !IsKafka(right)) continue;
            if (partitions(scans[0]) is { } l && partitions(right) is { } r && Mismatch(scans[0], l, right, r) is { } problem)
            {
                yield return new SqlDiagnostic(location, problem);
            }
        }
    }

    /// <summary>The joins of a plan (from the sink down).</summary>
    public static IEnumerable<LogicalPlan> Joins(QueryPlan plan)
    {
        for (LogicalPlan node = plan.Root; node.Inputs.Count > 0; node = node.Inputs[0])
        {
            if (node is IntervalJoin or LookupJoin) yield return node;
        }
    }

    /// <summary>The partitions <c>'&lt;name&gt;.partitions'</c> declares for a source, or null.</summary>
    public static int? Declared(Scan scan) =>
        int.TryParse(scan.Config?.Get("partitions") ?? scan.Config?.Get("topic.partitions"), out var n) && n > 0 ? n : null;

    /// <summary>Why two inputs of one join cannot be joined partition by partition, or null.</summary>
    private static string? Mismatch(Scan left, int leftPartitions, Scan right, int rightPartitions) =>
        leftPartitions == rightPartitions
            ? null
            : $"the inputs of this join are not co-partitioned: '{left.Name}' has {leftPartitions} partition(s) and '{right.Name}' has {rightPartitions}; "
              + "each replica joins the same partitions of both, so give them the same partition count";

    private static bool IsKafka(Scan scan) => scan.Config?.Type.Name == ConnectorCatalog.KafkaSource;
}

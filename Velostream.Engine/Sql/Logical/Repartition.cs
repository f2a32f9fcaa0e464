using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Syntax;

namespace Velostream.Engine.Sql.Logical;

/// <summary>
/// The records of a Kafka stream re-keyed by <see cref="Keys"/> (the GROUP BY key; none for a global
/// aggregate, which goes to one partition) and written through the job's internal topic
/// (<see cref="TopicName"/>), so that each key is read by exactly one replica: the stateful part of the
/// job reads that topic instead of <see cref="Source"/>. Planned when the source does not declare
/// (<c>'&lt;name&gt;.key.field'</c>) that it is partitioned by a subset of the key; the job skips it
/// when the input topic has one partition (nothing to bring together).
/// </summary>
internal sealed record Repartition(LogicalPlan Input, Scan Source, IReadOnlyList<Expr> Keys, SourceLocation Location) : LogicalPlan(Location)
{
    /// <summary>The source property that declares the columns a topic's messages are keyed and partitioned by.</summary>
    public const string KeyFieldProperty = "key.field";

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    /// <summary>The internal topic of a job: <c>&lt;app&gt;-&lt;job&gt;-repartition</c> (<c>app</c> when the application has no name).</summary>
    public static string TopicName(string? application, string job) => $"{application ?? "app"}-{job}-repartition";

    /// <summary>The consumer group the stateful part of a job reads its internal topic with.</summary>
    public static string GroupId(string? application, string job) => $"velostream-{TopicName(application, job)}";

    /// <summary>The columns <c>'&lt;name&gt;.key.field'</c> declares (comma-separated), none when absent.</summary>
    public static IReadOnlyList<string> DeclaredKey(Configuration.EndpointConfig? config) =>
        config?.Get(KeyFieldProperty) is { } text
            ? [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
            : [];
}

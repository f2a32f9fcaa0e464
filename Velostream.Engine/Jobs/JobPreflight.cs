using Velostream.Engine.Connectors;
using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Sql;
using Velostream.Engine.Sql.Ast;
using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>
/// Checks of a valid statement against how it will be deployed, made before any job starts so
/// that they are located errors (invalid input) rather than jobs failing once running. The SQL
/// front end leaves them out because a job hosted in process may take its dead letters and choose
/// its formats itself.
/// </summary>
internal static class JobPreflight
{
    /// <summary>
    /// Every error of a checked application, the front end's and these deployment checks', in
    /// source order: what <c>validate</c>, <c>run</c> and the job server all report.
    /// </summary>
    public static IReadOnlyList<SqlDiagnostic> Diagnostics(SqlCheckResult check) =>
        check.Diagnostics
            .Concat(check.Statements.SelectMany(Check))
            .OrderBy(d => d.Location.Offset)
            .ToList();

    public static IEnumerable<SqlDiagnostic> Check(BoundStatement statement)
    {
        if (DeadLetterDestination(statement) is { } deadLetters) yield return deadLetters;
        foreach (var property in KafkaProperties(statement)) yield return property;
    }

    /// <summary>
    /// Every librdkafka property of a Kafka source or sink, as librdkafka itself judges it (unknown
    /// names at the key, values out of range or of the wrong type at the value), instead of a job
    /// that fails once it starts. Values with <c>${VAR}</c> are known only when the job starts.
    /// </summary>
    private static IEnumerable<SqlDiagnostic> KafkaProperties(BoundStatement statement)
    {
        var endpoints = statement.Sink is { } sink ? statement.SourceConfigs.Append(sink) : statement.SourceConfigs;
        foreach (var endpoint in endpoints.Where(e => e.Type.Name is ConnectorCatalog.KafkaSource or ConnectorCatalog.KafkaSink))
        {
            foreach (var property in endpoint.Properties)
            {
                if (KafkaConnectorSettings.IsOwnKey(property.Key) || property.Value.Contains("${", StringComparison.Ordinal))
                {
                    continue;
                }
                if (LibrdkafkaProperties.Problem(property.Key, property.Value, out var unknownName) is { } problem)
                {
                    yield return new SqlDiagnostic(unknownName ? property.KeyLocation : property.ValueLocation, $"'{endpoint.Name}.{property.Key}': {problem}");
                }
            }
        }
    }

    /// <summary>
    /// A job that reads Kafka sends dead letters to a topic named after it by default; any other
    /// job must name a file (<c>'&lt;job&gt;.dlq.path'</c>) or topic.
    /// </summary>
    private static SqlDiagnostic? DeadLetterDestination(BoundStatement statement)
    {
        var settings = statement.Settings;
        if (settings.DeadLetterPath is not null || settings.DeadLetterTopic is not null
            || statement.SourceConfigs.Any(s => s.Type.Name.Equals("kafka_source", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var properties = statement.Statement.Properties;
        var strategy = (settings.Failure == FailureStrategy.DeadLetter ? properties.Find(JobKeys.FailureStrategy) : null)
            ?? (settings.LateData == LateDataStrategy.DeadLetter ? properties.Find(JobKeys.LateDataStrategy) : null);
        if (strategy is null)
        {
            return null;
        }
        return new SqlDiagnostic(strategy.ValueLocation, NoDeadLetterDestination(statement.Statement.JobName));
    }

    /// <summary>What to tell a user whose job asks for dead letters without saying where they go.</summary>
    public static string NoDeadLetterDestination(string? jobName) => jobName is not null
        ? $"dead letters need a destination: set '{jobName}.{JobKeys.DeadLetterPath}'"
        : $"dead letters need a destination: name the statement (-- @name: <job>) and set '<job>.{JobKeys.DeadLetterPath}'";
}

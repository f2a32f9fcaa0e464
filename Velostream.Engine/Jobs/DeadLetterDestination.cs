using Velostream.Engine.Sql.Configuration;
using Velostream.Engine.Sql.Syntax;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>
/// Where a job's dead letters go, checked before it runs: a job that reads Kafka defaults to a
/// topic named after the job, any other job must name a file (<c>'&lt;job&gt;.dlq.path'</c>) or topic,
/// or it would only fail once running. The SQL front end leaves this to the deployment because
/// a job hosted in process may hand its dead letters to its host.
/// </summary>
internal static class DeadLetterDestination
{
    public static SqlDiagnostic? Check(BoundStatement statement)
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
        return new SqlDiagnostic(strategy.ValueLocation, statement.Statement.JobName is { } job
            ? $"dead letters need a destination: set '{job}.{JobKeys.DeadLetterPath}'"
            : $"dead letters need a destination: name the statement (-- @name: <job>) and set '<job>.{JobKeys.DeadLetterPath}'");
    }
}

using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>The jobs of an application, one per statement, with the statements reading another's output connected to it (<see cref="StatementPipes"/>).</summary>
internal static class ApplicationJobs
{
    public static List<JobRunner> Create(IReadOnlyList<BoundStatement> statements, ConnectorRegistry registry, JobOptions options)
    {
        var (connected, pipes) = StatementPipes.Connect(statements);
        var withPipes = options with { Pipes = pipes };
        return [.. connected.Select((statement, i) => new JobRunner(statement, registry, withPipes, SqlJobCompiler.JobName(statement, i)))];
    }
}

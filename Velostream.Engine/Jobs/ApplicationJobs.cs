using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

/// <summary>The jobs of an application, one per statement, with the statements reading another's output connected to it (<see cref="StatementPipes"/>).</summary>
internal static class ApplicationJobs
{
    /// <param name="only">When set, only the jobs of these names (a recorded application whose other jobs were
    /// deleted): a statement reading the output of one left out fails instead of waiting for it.</param>
    public static List<JobRunner> Create(IReadOnlyList<BoundStatement> statements, ConnectorRegistry registry, JobOptions options, IReadOnlyCollection<string>? only = null)
    {
        var (connected, pipes) = StatementPipes.Connect(statements);
        var withPipes = options with { Pipes = pipes };
        var jobs = new List<JobRunner>();
        foreach (var (statement, i) in connected.Select((s, i) => (s, i)))
        {
            var name = SqlJobCompiler.JobName(statement, i);
            if (only is null || only.Contains(name))
            {
                jobs.Add(new JobRunner(statement, registry, withPipes, name));
                continue;
            }
            foreach (var _ in statement.Selects)
            {
                pipes.Done(statement.Statement, $"job {name} is not running");
            }
        }
        return jobs;
    }
}

using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Runtime;

namespace Velostream.Engine.Execution.Planning;

/// <summary>A ready executor, or why the statement cannot run (something validation cannot know, such as a CSV header).</summary>
internal sealed record CompileResult(QueryExecutor? Executor, string? Error)
{
    public bool Succeeded => Executor is not null;
}

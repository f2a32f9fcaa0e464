using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Operators;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Execution.Runtime;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.InProcess;

/// <summary>
/// A compiled query fed from byte buffers in process, with outputs collected in memory: how tests
/// and benchmarks drive the engine without files or brokers (single thread, no I/O).
/// </summary>
internal sealed class InProcessQuery
{
    private readonly Dictionary<string, int> _sourceIndex;

    private InProcessQuery(QueryExecutor executor, MemorySink output, MemorySink deadLetters)
    {
        Executor = executor;
        Output = output;
        DeadLetters = deadLetters;
        _sourceIndex = executor.Sources.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
    }

    public QueryExecutor Executor { get; }

    public MemorySink Output { get; }

    public MemorySink DeadLetters { get; }

    public JobStats Stats => Executor.Stats;

    /// <summary>
    /// Compiles the first statement of <paramref name="sql"/>. Sources are JSON unless
    /// <paramref name="shapes"/> says otherwise (in FROM/JOIN order). Throws when the SQL is invalid.
    /// </summary>
    public static InProcessQuery Create(string sql, JobOptions? options = null, IReadOnlyList<SourceShape>? shapes = null,
        PayloadFormat outputFormat = PayloadFormat.Json, bool keepOutput = true)
    {
        var check = Sql.SqlFrontEnd.Check(sql, "<sql>");
        if (!check.Succeeded)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, check.Diagnostics), nameof(sql));
        }
        var bound = check.Statements[0];
        shapes ??= [.. bound.Sources.Select(_ => SourceShape.Json)];
        var output = new MemorySink("output", keepOutput);
        var deadLetters = new MemorySink("dead_letters");
        var result = SqlJobCompiler.Compile(bound, options ?? new JobOptions { Log = TextWriter.Null }, shapes,
            new OutputTarget(output, outputFormat, deadLetters), new JobStats());
        if (!result.Succeeded)
        {
            throw new ArgumentException(result.Error, nameof(sql));
        }
        return new InProcessQuery(result.Executor!, output, deadLetters);
    }

    /// <summary>Loads a table source whole (right side of a stream–table join).</summary>
    public void LoadTable(string source, SourceBatch batch) => Executor.LoadTable(_sourceIndex[source], batch);

    public void Push(string source, SourceBatch batch) => Executor.Process(_sourceIndex[source], batch);

    /// <summary>Pushes text lines as one batch (offsets are 1-based line numbers).</summary>
    public void Push(string source, params string[] lines) => Push(source, Batch(source, lines));

    public void LoadTable(string source, params string[] lines) => LoadTable(source, Batch(source, lines));

    public void Finish() => Executor.Finish();

    public static SourceBatch Batch(string topic, IReadOnlyList<string> lines)
    {
        var batch = new SourceBatch(Math.Max(1, lines.Count));
        for (var i = 0; i < lines.Count; i++)
        {
            ref var r = ref batch.Add();
            r.Value = Encoding.UTF8.GetBytes(lines[i]);
            r.Topic = topic;
            r.Offset = i + 1;
            r.TimestampMs = -1;
        }
        return batch;
    }
}

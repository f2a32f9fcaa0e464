using System.Text;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Planning;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;
using Velostream.Engine.Telemetry;
using Velostream.Tests.Support;

namespace Velostream.Tests.Jobs;

public sealed class JobRunnerTests
{
    private static JobRunner Runner(TempFolder dir, string sql, JobOptions options)
    {
        var path = dir.Write("app.sql", sql);
        var check = SqlFrontEnd.Check(sql, path);
        Assert.True(check.Succeeded, string.Join("\n", check.Diagnostics));
        return new JobRunner(check.Statements[0], ConnectorRegistry.CreateDefault(VelostreamTelemetry.Default), options with { BaseDirectory = dir.Path, Log = TextWriter.Null }, "job");
    }

    private const string Copy = """
        CREATE STREAM copy AS SELECT n FROM numbers
        WITH ('numbers.type' = 'file_source', 'numbers.path' = 'numbers.jsonl', 'copy.type' = 'file_sink', 'copy.path' = 'copy.jsonl')
        """;

    [Fact]
    public async Task Cancellation_stops_after_the_current_batch_with_its_outputs_flushed()
    {
        using var dir = new TempFolder();
        dir.Write("numbers.jsonl", string.Concat(Enumerable.Range(1, 10).Select(i => $"{{\"n\":{i}}}\n")));
        using var stop = new CancellationTokenSource();
        var runner = Runner(dir, Copy, new JobOptions { BatchSize = 2, Observer = new CancelAt(3, stop) });
        var state = await runner.RunAsync(stop.Token);
        Assert.Equal(JobState.Stopped, state);
        Assert.Equal("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n", dir.Read("copy.jsonl"));
        Assert.Equal(4, runner.Stats.RecordsIn);
        Assert.Equal(4, runner.Stats.RecordsOut);
    }

    [Fact]
    public async Task A_bounded_job_completes_with_its_counts()
    {
        using var dir = new TempFolder();
        dir.Write("numbers.jsonl", "{\"n\":1}\n{\"n\":2}\n");
        var runner = Runner(dir, Copy, new JobOptions());
        Assert.Equal(JobState.Completed, await runner.RunAsync(CancellationToken.None));
        Assert.Equal("job job: in=2 out=2 failed=0 late=0", runner.Stats.Summary("job"));
        Assert.NotNull(runner.Stats.StoppedAt);
    }

    [Fact]
    public async Task Stateless_outputs_keep_the_input_headers_and_the_observer_sees_each_record()
    {
        using var dir = new TempFolder();
        dir.Write("numbers.jsonl", "{\"n\":1}\nbad\n{\"n\":3}\n");
        var observer = new RecordingObserver();
        var runner = Runner(dir, Copy, new JobOptions { Observer = observer });
        await runner.RunAsync(CancellationToken.None);
        Assert.Equal(3, observer.Started);
        Assert.Equal(2, observer.Completed);
        Assert.Equal([(2L, "decode_error")], observer.Failures);
        Assert.Equal([1L, 3L], observer.SingleInputs);
    }

    [Fact]
    public async Task An_unexpected_exception_fails_only_that_job_with_its_type_and_message()
    {
        using var dir = new TempFolder();
        dir.Write("numbers.jsonl", "{\"n\":1}\n");
        var runner = Runner(dir, Copy, new JobOptions { Observer = new Throwing() });
        Assert.Equal(JobState.Failed, await runner.RunAsync(CancellationToken.None));
        Assert.Equal("internal error: InvalidOperationException: observer broke", runner.Stats.LastError);
    }

    private sealed class Throwing : JobObserver
    {
        public override object? RecordStarted(JobInfo job, in SourceRecord record) => throw new InvalidOperationException("observer broke");
    }

    private sealed class CancelAt(long offset, CancellationTokenSource stop) : JobObserver
    {
        public override object? RecordStarted(JobInfo job, in SourceRecord record)
        {
            if (record.Offset == offset) stop.Cancel();
            return null;
        }
    }
}

using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Jobs;

namespace Velostream.Tests.Support;

/// <summary>Records what the job runner tells observers, for assertions.</summary>
internal sealed class RecordingObserver : JobObserver
{
    public List<(long Total, long[] Offsets)> Samples { get; } = [];
    public List<long> SingleInputs { get; } = [];
    public List<(long Offset, string ErrorType)> Failures { get; } = [];
    public int Started { get; private set; }
    public int Completed { get; private set; }

    /// <summary>What <see cref="WantsLineage"/> answers (as a tracer would while it is listened to or not).</summary>
    public bool TracingOn { get; set; } = true;

    public override bool WantsLineage => TracingOn;

    public override object? RecordStarted(JobInfo job, in SourceRecord record)
    {
        Started++;
        return record.Offset;
    }

    public override void RecordFailed(JobInfo job, in SourceRecord record, object? state, string errorType, string reason, Exception? exception) =>
        Failures.Add(((long)state!, errorType));

    public override void RecordCompleted(JobInfo job, object? state, int outputs) => Completed++;

    public override RecordHeaders? OutputProduced(JobInfo job, string sink, OutputLineage lineage, RecordHeaders? headers)
    {
        if (lineage.IsSingleInput)
        {
            SingleInputs.Add(lineage.Input.Offset);
        }
        else
        {
            Samples.Add((lineage.Sample!.TotalInputs, [.. lineage.Sample.Items.Select(i => i.Offset)]));
        }
        var result = new RecordHeaders(headers ?? []);
        result.Set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray());
        return result;
    }
}

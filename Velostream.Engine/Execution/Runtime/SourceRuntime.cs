using Velostream.Engine.Execution.Formats;
using Velostream.Engine.Execution.Planning;

namespace Velostream.Engine.Execution.Runtime;

/// <summary>One source as the executor sees it: how to decode it, where its fields live in the row, its event time.</summary>
internal sealed class SourceRuntime(int index, string name, SourceRole role, IRecordDecoder decoder, int slotOffset, int eventTimeSlot, string? eventTimeField, bool isFile)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public SourceRole Role { get; } = role;
    public IRecordDecoder Decoder { get; } = decoder;
    public int SlotOffset { get; } = slotOffset;
    public int SlotCount => Decoder.Fields.Count;
    /// <summary>Absolute slot of the event-time field, or -1 (record timestamp, else processing time).</summary>
    public int EventTimeSlot { get; } = eventTimeSlot;
    public string? EventTimeField { get; } = eventTimeField;
    public bool IsFile { get; } = isFile;
    public bool Finished { get; set; }
    public long MaxEventTimeMs { get; set; } = long.MinValue;
    /// <summary>
    /// Records do not move <see cref="MaxEventTimeMs"/>: the stage upstream says how far event time got
    /// (<see cref="QueryExecutor.UpstreamTimeReached"/>), as for the stateful stage of a repartitioned job.
    /// </summary>
    public bool TimeFromUpstream { get; set; }
}

using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>
/// The rows one ranking function or aggregate over rows keeps for one partition: the rows pushed so far,
/// the ring's filled slots in place, a running aggregate's state, and a RANGE frame's rows. The ring's capacity and the
/// aggregate come from the function's spec, as when the window is first created.
/// </summary>
internal sealed class RowWindowCodec(RowFunctionSpec spec) : IStateCodec<RowWindow>
{
    public byte Version => 1;

    public void Write(RowWindow value, StateWriter writer)
    {
        writer.Long(value.Count);
        var held = value.Held;
        writer.UInt((ulong)held);
        for (var i = 0; i < held; i++)
        {
            writer.Values(value.Rows[i]);
        }
        writer.Bool(value.Running is not null);
        value.Running?.Write(writer);
        // Only a RANGE frame's spec has these rows, so other windows' changelog records are unchanged.
        if (spec.Range is not null) value.Range!.Write(writer);
    }

    public RowWindow Read(StateReader reader, byte[] key)
    {
        var window = RowWindowFunctions.NewWindow(spec);
        window.Count = reader.Long();
        var held = reader.Count();
        for (var i = 0; i < held; i++)
        {
            window.Rows[i] = reader.Values();
        }
        if (reader.Bool())
        {
            window.Running!.Read(reader);
        }
        if (spec.Range is not null) window.Range = RangeFrameRows.Read(reader);
        return window;
    }
}

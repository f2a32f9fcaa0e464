using Velostream.Engine.Execution.Operators.Aggregates;
using Velostream.Engine.Execution.State.Codecs;

namespace Velostream.Engine.Execution.Operators.Windows;

/// <summary>The open sessions of one key: bounds, closed flag and group state of each (the key is the store's).</summary>
internal sealed class SessionsCodec(GroupStateCodec groups) : IStateCodec<List<Session>>
{
    public byte Version => 1;

    public void Write(List<Session> value, StateWriter writer)
    {
        writer.UInt((ulong)value.Count);
        foreach (var session in value)
        {
            writer.Long(session.Start);
            writer.Long(session.End);
            writer.Bool(session.Closed);
            groups.Write(session.State, writer);
        }
    }

    public List<Session> Read(StateReader reader, byte[] key)
    {
        var sessions = new List<Session>();
        for (var n = reader.Count(); n > 0; n--)
        {
            var start = reader.Long();
            var end = reader.Long();
            var closed = reader.Bool();
            sessions.Add(new Session(start, end, groups.Read(reader, key), key) { Closed = closed });
        }
        return sessions;
    }
}

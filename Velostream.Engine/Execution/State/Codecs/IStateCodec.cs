namespace Velostream.Engine.Execution.State.Codecs;

/// <summary>
/// How one kind of state value becomes the bytes of a changelog record and back. Each codec writes
/// its <see cref="Version"/> first and refuses a record of another version, so a format change is
/// noticed rather than misread. <paramref name="key"/> is the value's store key, which some values
/// keep a copy of (sessions, join rows).
/// </summary>
internal interface IStateCodec<TValue> where TValue : class
{
    byte Version { get; }

    void Write(TValue value, StateWriter writer);

    TValue Read(StateReader reader, byte[] key);
}

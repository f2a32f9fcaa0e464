using Velostream.Engine.Execution.State;
using Velostream.Engine.Execution.State.Codecs;
using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.State;

public sealed class ChangelogKeyValueStoreTests
{
    private sealed class TextCodec : IStateCodec<string>
    {
        public byte Version => 1;

        public void Write(string value, StateWriter writer) => writer.String(value);

        public string Read(StateReader reader, byte[] key) => reader.String()!;
    }

    [Fact]
    public void A_deleted_key_array_reused_for_another_key_leaves_the_pending_tombstone_intact()
    {
        var changelog = new InMemoryChangelog();
        var store = new ChangelogKeyValueStore<string>(new StateStoreId("job", "op", "s", 0),
            new ChangelogTarget(changelog, "topic", 0), new TextCodec());
        byte[] key = [1, 2, 3];
        store.Put(key, "first");
        Assert.True(store.Delete(key));
        // A window reuses its dropped group's key array for a new group before the next flush.
        key[2] = 9;
        store.Put(key, "second");
        store.Flush();

        var written = changelog.Topics[("topic", 0)]
            .Select(r => (Key: string.Join(",", ChangelogTarget.Split(r.Key).Key), Deleted: r.Value is null))
            .OrderBy(r => r.Key)
            .ToList();
        Assert.Equal([("1,2,3", true), ("1,2,9", false)], written);
        Assert.True(store.TryRead([1, 2, 9], out var value));
        Assert.Equal("second", value);
        Assert.False(store.TryRead([1, 2, 3], out _));
    }
}

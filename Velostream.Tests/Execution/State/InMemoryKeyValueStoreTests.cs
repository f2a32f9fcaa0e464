using System.Text;
using Velostream.Engine.Execution.State;

namespace Velostream.Tests.Execution.State;

/// <summary>The in-memory state store: values under the bytes of their keys, found from a span.</summary>
public sealed class InMemoryKeyValueStoreTests
{
    private static readonly StateStoreId Id = new("job", "aggregate", "groups", StateStoreId.Unpartitioned);

    private static ReadOnlySpan<byte> Key(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_value_put_under_a_key_is_found_by_equal_bytes_and_gone_once_deleted()
    {
        var store = new InMemoryKeyValueStore<List<int>>(Id);
        store.Put(Key("AAPL"), [1]);

        Assert.True(store.TryUpdate(Key("AAPL"), out var list));
        list.Add(2);
        Assert.True(store.TryRead(Key("AAPL"), out var read));
        Assert.Equal([1, 2], read);
        Assert.False(store.TryRead(Key("MSFT"), out _));
        Assert.Equal(1, store.Count);

        Assert.True(store.Delete(Key("AAPL")));
        Assert.False(store.Delete(Key("AAPL")));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Closing_a_store_drops_its_state()
    {
        var store = new InMemoryKeyValueStore<string>(Id);
        store.Put(Key("a"), "x");
        store.Flush();
        Assert.Single(store.All());

        store.Close();

        Assert.Empty(store.All());
    }

    [Fact]
    public void The_provider_names_each_store_by_job_operator_store_and_partition()
    {
        var stores = new InMemoryStateStores();
        stores.KeyValueStore<string>(Id);
        stores.KeyValueStore<string>(Id with { Operator = "interval_join", Store = "left" });

        stores.KeyValueStore<string>(Id with { Partition = 3 });

        Assert.Equal(["job/aggregate/groups", "job/interval_join/left", "job/aggregate/groups[3]"], stores.Stores.Select(s => s.Id.ToString()));
    }
}

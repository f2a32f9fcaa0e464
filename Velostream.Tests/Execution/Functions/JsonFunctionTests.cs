using Velostream.Tests.Support;

namespace Velostream.Tests.Execution.Functions;

/// <summary>JSON_VALUE, JSON_EXISTS and JSON_QUERY over nested input objects and over JSON text.</summary>
public sealed class JsonFunctionTests
{
    private const string Order =
        """{"id":1,"payload":{"user":{"id":7,"vip":true,"name":"Ann"},"items":[{"sku":"x1","qty":2},{"sku":"y2","qty":1.5}]},"raw":"{\"a\":{\"b\":[10,20]}}","bad":"not json"}""";

    private static IReadOnlyList<string> Run(string select) =>
        InProcess.Run($"SELECT {select} FROM orders {InProcess.Sources("orders")}", "orders", Order);

    [Fact]
    public void Json_value_reads_typed_scalars_by_path_and_array_index()
    {
        Assert.Equal(
            ["""{"uid":7,"vip":true,"name":"Ann","sku":"y2","qty":1.5,"b1":20,"missing":null}"""],
            Run("JSON_VALUE(payload, '$.user.id') AS uid, JSON_VALUE(payload, '$.user.vip') AS vip, JSON_VALUE(payload, 'user.name') AS name, "
                + "JSON_VALUE(payload, '$.items[1].sku') AS sku, JSON_VALUE(payload, '$.items.1.qty') AS qty, JSON_VALUE(raw, '$.a.b.1') AS b1, "
                + "JSON_VALUE(payload, '$.user.email') AS missing"));
    }

    [Fact]
    public void Json_exists_tells_whether_a_path_leads_to_a_value()
    {
        Assert.Equal(
            ["""{"a":true,"b":false,"c":true,"d":false}"""],
            Run("JSON_EXISTS(payload, '$.items.0') AS a, JSON_EXISTS(payload, '$.items.5') AS b, JSON_EXISTS(raw, '$') AS c, JSON_EXISTS(bad, '$') AS d"));
    }

    [Fact]
    public void Json_query_returns_objects_and_arrays_as_json_and_null_for_scalars()
    {
        Assert.Equal(
            ["""{"user":{"id":7,"vip":true,"name":"Ann"},"b":[10,20],"scalar":null,"bad":null}"""],
            Run("JSON_QUERY(payload, '$.user') AS \"user\", JSON_QUERY(raw, '$.a.b') AS b, JSON_QUERY(payload, '$.user.id') AS scalar, JSON_QUERY(bad, '$.a') AS bad"));
    }
}

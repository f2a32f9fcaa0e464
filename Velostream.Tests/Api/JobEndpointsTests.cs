using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Velostream.Engine.Api;

namespace Velostream.Tests.Api;

/// <summary>The job server's HTTP API on Kestrel (127.0.0.1, any free port) with the embedded broker.</summary>
public sealed class JobEndpointsTests : IAsyncLifetime
{
    private const string Key = "s3cret";
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private HttpClient _anonymous = null!;
    private readonly Support.TempFolder _dataRoot = new();

    private const string App = """
        -- @app: api_test
        CREATE STREAM expensive AS
        SELECT symbol, price FROM md WHERE price > 200
        EMIT CHANGES
        WITH ('md.type' = 'kafka_source', 'md.topic.name' = 'md',
              'expensive.type' = 'kafka_sink', 'expensive.topic.name' = 'expensive');
        """;

    public async ValueTask InitializeAsync()
    {
        _app = JobServer.Build(["--urls", "http://127.0.0.1:0", $"--Velostream:ApiKey={Key}", "--Logging:LogLevel:Default=Warning",
            $"--{DataRoot.ConfigurationKey}={_dataRoot.Path}"], [], embeddedKafka: true);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        _anonymous = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _anonymous.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _dataRoot.Dispose();
    }

    private HttpRequestMessage Post(string sql, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs?name=app.sql") { Content = new StringContent(sql, Encoding.UTF8, "text/plain") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return request;
    }

    [Fact]
    public async Task Invalid_sql_is_rejected_with_400_and_located_errors()
    {
        var response = await _http.SendAsync(Post("SELECT symbl FROM md\nWHERE AVGG(price) > 1;"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var errors = body.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("app.sql", e.GetProperty("file").GetString()));
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 2 && e.GetProperty("column").GetInt32() == 7
            && e.GetProperty("message").GetString()!.Contains("AVGG", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_whose_dead_letters_have_nowhere_to_go_is_rejected_before_it_starts()
    {
        const string sql = """
            -- @name: copy
            CREATE STREAM copy AS SELECT id FROM src
            WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl',
                  'copy.type' = 'file_sink', 'copy.path' = 'out.jsonl',
                  'failure.strategy' = 'dead_letter');
            """;

        var response = await _http.SendAsync(Post(sql), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((5, 28, "dead letters need a destination: set 'copy.dlq.path'"),
            (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("message").GetString()));
        Assert.Equal("[]", await _http.GetStringAsync("/jobs", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Requests_without_the_api_key_are_rejected_with_401_reading_ones_too()
    {
        var cancel = TestContext.Current.CancellationToken;
        var post = await _anonymous.SendAsync(Post(App, key: null), cancel);
        var wrong = await _anonymous.SendAsync(Post(App, key: "guess"), cancel);
        var delete = await _anonymous.DeleteAsync("/jobs/expensive", cancel);
        var list = await _anonymous.GetAsync("/jobs", cancel);
        var one = await _anonymous.GetAsync("/jobs/expensive", cancel);

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (post.StatusCode, wrong.StatusCode, delete.StatusCode, list.StatusCode, one.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync("/health", cancel)).StatusCode);
        Assert.Equal("[]", await _http.GetStringAsync("/jobs", cancel));
    }

    [Fact]
    public async Task Jobs_are_deployed_listed_inspected_and_deleted()
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await _http.SendAsync(Post(App), cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"jobs":["expensive"]}""", await created.Content.ReadAsStringAsync(cancel));
        Assert.Equal(HttpStatusCode.Conflict, (await _http.SendAsync(Post(App), cancel)).StatusCode);

        var list = await _http.GetFromJsonAsync<JsonElement>("/jobs", cancel);
        Assert.Equal(["expensive"], list.EnumerateArray().Select(j => j.GetProperty("name").GetString()));

        var job = await _http.GetFromJsonAsync<JsonElement>("/jobs/expensive", cancel);
        Assert.Equal("api_test", job.GetProperty("application").GetString());
        Assert.Equal("running", job.GetProperty("state").GetString());
        Assert.Equal(0, job.GetProperty("recordsIn").GetInt64());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("lastError").ValueKind);

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/jobs/expensive");
        delete.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.SendAsync(delete, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/jobs/expensive", cancel)).StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_embedded_broker_as_healthy()
    {
        var response = await _http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
    private HttpRequestMessage PostContent(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs?name=app.sql") { Content = content };
        request.Headers.Add("X-Api-Key", Key);
        return request;
    }

    private async Task AssertHealthyAsync()
    {
        var health = await _http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Ten_thousand_nested_parentheses_get_a_400_naming_the_limit_and_the_server_lives_on()
    {
        var sql = "SELECT " + new string('(', 10_000) + "price" + new string(')', 10_000) + " FROM md";

        var response = await _http.SendAsync(Post(sql), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Contains("the limit is 256 levels", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_flat_sum_and_a_long_or_chain_get_a_400_and_the_server_lives_on()
    {
        var sum = "SELECT " + string.Join('+', Enumerable.Repeat("price", 10_000)) + " AS total FROM md";
        var or = "SELECT symbol FROM md WHERE " + string.Join(" OR ", Enumerable.Range(0, 6_000).Select(i => $"symbol='S{i}'"));

        var first = await _http.SendAsync(Post(sum), TestContext.Current.CancellationToken);
        var second = await _http.SendAsync(Post(or), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (first.StatusCode, second.StatusCode));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Ten_megabytes_of_random_bytes_get_a_small_413()
    {
        var bytes = new byte[10_500_000];
        new Random(3).NextBytes(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/plain");

        var response = await _http.SendAsync(PostContent(content), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.InRange((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length, 1, 1024);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task A_megabyte_of_random_bytes_gets_at_most_one_hundred_short_errors()
    {
        var bytes = new byte[1_000_000];
        new Random(4).NextBytes(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/sql");

        var response = await _http.SendAsync(PostContent(content), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.InRange(text.Length, 1, 64 * 1024);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(100, body.RootElement.GetProperty("errors").GetArrayLength());
        Assert.True(body.RootElement.GetProperty("more").GetInt32() > 0);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/octet-stream")]
    public async Task Other_content_types_are_refused_with_415(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(App));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _http.SendAsync(PostContent(content), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("[]", await _http.GetStringAsync("/jobs", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Json_with_the_sql_in_a_property_is_accepted_and_other_json_is_a_400()
    {
        var bad = await _http.SendAsync(PostContent(JsonContent.Create(new { query = App })), TestContext.Current.CancellationToken);
        var good = await _http.SendAsync(PostContent(JsonContent.Create(new { sql = App })), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Created), (bad.StatusCode, good.StatusCode));
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/jobs/expensive");
        delete.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.SendAsync(delete, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_union_and_a_statement_reading_its_output_are_deployed_and_run_as_two_jobs()
    {
        var cancel = TestContext.Current.CancellationToken;
        var root = _dataRoot.Path;
        await File.WriteAllTextAsync(Path.Combine(root, "nyse.jsonl"), "{\"symbol\":\"IBM\",\"price\":150}\n{\"symbol\":\"GE\",\"price\":90}\n", cancel);
        await File.WriteAllTextAsync(Path.Combine(root, "lse.jsonl"), "{\"ticker\":\"BP\",\"bid\":450}\n", cancel);
        const string sql = """
            CREATE STREAM moves AS
            SELECT symbol, price FROM nyse UNION ALL SELECT ticker, bid FROM lse
            WITH ('nyse.type' = 'file_source', 'nyse.path' = 'nyse.jsonl', 'lse.type' = 'file_source', 'lse.path' = 'lse.jsonl',
                  'moves.type' = 'file_sink', 'moves.path' = 'moves.jsonl');

            CREATE STREAM big_moves AS SELECT symbol, price FROM moves WHERE price > 100
            WITH ('big_moves.type' = 'file_sink', 'big_moves.path' = 'big_moves.jsonl');
            """;

        var created = await _http.SendAsync(Post(sql), cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"jobs":["moves","big_moves"]}""", await created.Content.ReadAsStringAsync(cancel));
        var jobs = new Dictionary<string, JsonElement>();
        for (var wait = 0; wait < 100 && jobs.Count < 2; wait++)
        {
            await Task.Delay(100, cancel);
            foreach (var name in new[] { "moves", "big_moves" })
            {
                var job = await _http.GetFromJsonAsync<JsonElement>($"/jobs/{name}", cancel);
                if (job.GetProperty("state").GetString() != "running") jobs[name] = job;
            }
        }
        Assert.Equal(("completed", 3L, 3L), (jobs["moves"].GetProperty("state").GetString(), jobs["moves"].GetProperty("recordsIn").GetInt64(), jobs["moves"].GetProperty("recordsOut").GetInt64()));
        Assert.Equal(("completed", 3L, 2L), (jobs["big_moves"].GetProperty("state").GetString(), jobs["big_moves"].GetProperty("recordsIn").GetInt64(), jobs["big_moves"].GetProperty("recordsOut").GetInt64()));
        Assert.Equal(["""{"symbol":"BP","price":450}""", """{"symbol":"IBM","price":150}"""],
            (await File.ReadAllLinesAsync(Path.Combine(root, "big_moves.jsonl"), cancel)).Order(StringComparer.Ordinal));
    }
}

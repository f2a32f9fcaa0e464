using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Velostream.Engine.Api;
using Velostream.Tests.Support;

namespace Velostream.Tests.Api;

/// <summary>
/// A server without an API key, asked to listen on every interface: it listens on loopback only,
/// and applications posted to it reach no file outside its data root.
/// </summary>
public sealed class HostAccessTests : IAsyncLifetime
{
    private readonly TempFolder _root = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _app = JobServer.Build(
            ["--urls", "http://0.0.0.0:0", $"--Velostream:DataRoot={_root.Path}", "--Logging:LogLevel:Default=Warning"], [], embeddedKafka: true);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _root.Dispose();
    }

    private static string Copy(string source, string sink) => $"""
        -- @name: copy
        CREATE STREAM copy AS SELECT id FROM src
        WITH ('src.type' = 'file_source', 'src.path' = '{source}',
              'copy.type' = 'file_sink', 'copy.path' = '{sink}');
        """;

    private async Task<JsonElement> PostAsync(string sql, HttpStatusCode expected)
    {
        var response = await _http.PostAsync("/jobs?name=app.sql", new StringContent(sql, Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static (int Line, int Column, string Message) SingleError(JsonElement body)
    {
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        return (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32(), error.GetProperty("message").GetString()!);
    }

    private async Task<JsonElement> FinishedJobAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await _http.GetFromJsonAsync<JsonElement>($"/jobs/{name}", TestContext.Current.CancellationToken);
            if (job.GetProperty("state").GetString() is "completed" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void Without_a_key_the_server_listens_on_loopback_only()
    {
        Assert.All(_app.Urls, url => Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relative_path_reads_and_writes_under_the_data_root()
    {
        _root.Write("in.jsonl", "{\"id\":1}\n{\"id\":2}\n");

        await PostAsync(Copy("in.jsonl", "out/copy.jsonl"), HttpStatusCode.Created);

        Assert.Equal("completed", (await FinishedJobAsync("copy")).GetProperty("state").GetString());
        Assert.Equal("{\"id\":1}\n{\"id\":2}\n", _root.Read(Path.Combine("out", "copy.jsonl")));
    }

    [Fact]
    public async Task An_absolute_path_is_a_located_error_and_nothing_is_written()
    {
        using var elsewhere = new TempFolder();

        var body = await PostAsync(Copy("/etc/passwd", Path.Combine(elsewhere.Path, "new", "out.jsonl")), HttpStatusCode.BadRequest);

        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32())).ToList();
        Assert.Equal([(3, 48), (4, 48)], errors);
        Assert.Contains("absolute paths are not allowed", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(elsewhere.Path, "new")));
        Assert.Equal("[]", await _http.GetStringAsync("/jobs", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_path_with_dot_dot_is_a_located_error()
    {
        var body = await PostAsync(Copy("in.jsonl", "../escape.jsonl"), HttpStatusCode.BadRequest);

        Assert.Equal((4, 48, "'..' is not allowed in a path of an application deployed over the API: paths stay under the server's data root"), SingleError(body));
    }

    [Fact]
    public async Task A_symbolic_link_that_leaves_the_data_root_is_a_located_error()
    {
        using var outside = new TempFolder();
        outside.Write("secret.jsonl", "{\"id\":42}\n");
        Directory.CreateSymbolicLink(_root.File("link"), outside.Path);

        var body = await PostAsync(Copy("link/secret.jsonl", "out.jsonl"), HttpStatusCode.BadRequest);

        Assert.Equal((3, 48, "this path leads outside the server's data root (through a symbolic link)"), SingleError(body));
    }

    [Fact]
    public async Task Environment_variables_and_host_file_properties_are_refused()
    {
        const string sql = """
            CREATE STREAM o AS SELECT id FROM src
            WITH ('src.type' = 'kafka_source', 'src.topic.name' = '${HOME}', 'src.ssl.ca.location' = 'ca.pem',
                  'o.type' = 'kafka_sink', 'o.plugin.library.paths' = 'evil');
            """;

        var body = await PostAsync(sql, HttpStatusCode.BadRequest);

        var messages = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Equal(3, messages.Count);
        Assert.StartsWith("${…} is not expanded", messages[0], StringComparison.Ordinal);
        Assert.Equal("'src.ssl.ca.location' names a file or command of the server's host, which an application deployed over the API may not do", messages[1]);
        Assert.StartsWith("'o.plugin.library.paths' names a file", messages[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_job_error_shows_no_host_path()
    {
        await PostAsync(Copy("missing.jsonl", "out.jsonl"), HttpStatusCode.Created);

        var job = await FinishedJobAsync("copy");

        var error = job.GetProperty("lastError").GetString()!;
        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains("missing.jsonl", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_root.Path, error, StringComparison.Ordinal);
        Assert.DoesNotContain("/", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, "http://localhost:5000")]
    [InlineData("http://0.0.0.0:8080;http://[::]:8081", null, null, "http://127.0.0.1:8080;http://127.0.0.1:8081")]
    [InlineData("http://+:80", null, null, "http://127.0.0.1:80")]
    [InlineData(null, "8080", null, "http://127.0.0.1:8080")]
    [InlineData("http://localhost:5000", null, null, "http://localhost:5000")]
    [InlineData("http://0.0.0.0:8080", null, "key", null)]
    public void Without_a_key_every_configured_address_becomes_loopback(string? urls, string? ports, string? key, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["http_ports"] = ports,
            ["Velostream:ApiKey"] = key,
        }).Build();

        var confined = ListenAddresses.Confine(configuration);

        Assert.Equal(expected, confined is { } c ? string.Join(';', c.Urls) : null);
    }

    [Fact]
    public void An_explicit_opt_in_listens_on_the_network_without_a_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://0.0.0.0:8080",
            [ListenAddresses.AllowAnonymousKey] = "true",
        }).Build();

        Assert.Null(ListenAddresses.Confine(configuration));
    }
}

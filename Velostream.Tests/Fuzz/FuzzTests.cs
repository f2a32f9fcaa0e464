using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Velostream.Engine.Api;
using Velostream.Engine.Cli;
using Velostream.Tests.Support;

namespace Velostream.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of everything that reads applications: 1,000 mutated applications and random byte
/// strings each against <c>validate</c> and against <c>POST /jobs</c> of a running server. Nothing
/// throws, the server never answers 500, every answer is small, and the server is healthy afterwards.
/// </summary>
public sealed class FuzzTests
{
    private const int Inputs = 1_000;
    private const int MaxAnswer = 64 * 1024;

    [Fact]
    public void Validate_answers_every_fuzzed_input_with_0_or_2_and_a_bounded_report()
    {
        using var folder = new TempFolder();
        var mutator = new ApplicationMutator(seed: 1201);
        var path = folder.File("fuzz.sql");
        var failures = new List<string>();
        for (var i = 0; i < Inputs; i++)
        {
            var input = mutator.Next();
            File.WriteAllBytes(path, input);
            var output = new StringWriter();
            try
            {
                var exit = ValidateCommand.Run([path], output);
                if (exit is not (0 or 2) || output.ToString().Length > MaxAnswer)
                {
                    failures.Add($"input {i}: exit {exit}, {output.ToString().Length} characters");
                }
            }
            catch (Exception e)
            {
                failures.Add($"input {i}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.Empty(failures.Take(5));
    }

    [Fact]
    public async Task The_server_answers_every_fuzzed_post_without_a_500_and_stays_healthy()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var root = new TempFolder();
        await using var app = JobServer.Build(
            ["--urls", "http://127.0.0.1:0", $"--Velostream:DataRoot={root.Path}", "--Logging:LogLevel:Default=None"], [], embeddedKafka: true);
        await app.StartAsync(cancel);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var mutator = new ApplicationMutator(seed: 1202);
        var failures = new List<string>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < Inputs; i++)
        {
            var content = new ByteArrayContent(mutator.Next());
            content.Headers.ContentType = new MediaTypeHeaderValue(i % 10 == 0 ? "application/sql" : "text/plain");
            using var response = await http.PostAsync($"/jobs?name=fuzz{i}.sql", content, cancel);
            var body = await response.Content.ReadAsByteArrayAsync(cancel);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict) || body.Length > MaxAnswer)
            {
                failures.Add($"input {i}: {(int)response.StatusCode}, {body.Length} bytes");
            }
            if (response.StatusCode == HttpStatusCode.Created)
            {
                // Valid mutants run; stop them so a thousand inputs do not leave a thousand jobs.
                foreach (var job in System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("jobs").EnumerateArray())
                {
                    await http.DeleteAsync($"/jobs/{job.GetString()}", cancel);
                }
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));

        Assert.Empty(failures.Take(5));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/jobs", cancel)).StatusCode);
        await app.StopAsync(CancellationToken.None);
    }
}

using HardenTui.Core.Proposals;
using Shouldly;
using Xunit;

namespace HardenTui.Core.Tests.Proposals;

public class BisectTests
{
    private static readonly string[] Sixteen = Enumerable.Range(0, 16).Select(i => $"D{i}").ToArray();

    /// <summary>A fake service: it fails when any of the rules (a set of directives all present) matches.</summary>
    private static Func<IReadOnlyList<string>, CancellationToken, Task<bool>> BrokenBy(params string[][] rules) =>
        (set, _) => Task.FromResult(!rules.Any(rule => rule.All(set.Contains)));

    [Fact]
    public async Task One_breaking_directive_is_found_in_logarithmic_steps()
    {
        var result = await Bisect.FindCulpritsAsync(Sixteen, BrokenBy(["D11"]));
        result.Dropped.Select(c => c.Directive).ShouldBe(["D11"]);
        result.Dropped[0].Partners.ShouldBeEmpty();
        result.Kept.ShouldBe(Sixteen.Where(d => d != "D11"));
        result.Steps.ShouldBeLessThanOrEqualTo(12); // full, base, ~2·log2(16) halvings, final check
    }

    [Fact]
    public async Task Two_independent_breakers_are_both_dropped_and_nothing_else()
    {
        var result = await Bisect.FindCulpritsAsync(Sixteen, BrokenBy(["D2"], ["D13"]));
        result.Dropped.Select(c => c.Directive).Order().ShouldBe(["D13", "D2"]);
        result.Kept.Count.ShouldBe(14);
    }

    [Fact]
    public async Task A_pair_that_breaks_only_together_costs_one_of_the_two()
    {
        var result = await Bisect.FindCulpritsAsync(Sixteen, BrokenBy(["D4", "D9"]));
        result.Dropped.Count.ShouldBe(1);
        var culprit = result.Dropped[0];
        new[] { "D4", "D9" }.ShouldContain(culprit.Directive);
        culprit.Partners.ShouldBe(culprit.Directive == "D4" ? ["D9"] : ["D4"]);
        result.Kept.Count.ShouldBe(15);
    }

    [Fact]
    public async Task A_working_set_costs_one_restart()
    {
        var result = await Bisect.FindCulpritsAsync(Sixteen, BrokenBy());
        result.Steps.ShouldBe(1);
        result.Dropped.ShouldBeEmpty();
        result.Kept.ShouldBe(Sixteen);
    }

    [Fact]
    public async Task A_service_that_fails_without_any_directive_is_reported_not_bisected()
    {
        var result = await Bisect.FindCulpritsAsync(Sixteen, (_, _) => Task.FromResult(false));
        result.BaseBroken.ShouldBeTrue();
        result.Steps.ShouldBe(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_breakers_and_pairs_give_a_working_remainder_where_no_dropped_directive_fits(int seed)
    {
        var random = new Random(seed);
        var all = Enumerable.Range(0, 24).Select(i => $"D{i}").ToArray();
        var rules = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => all.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray()).ToArray();
        var works = BrokenBy(rules);

        var result = await Bisect.FindCulpritsAsync(all, works);

        (await works(result.Kept, default)).ShouldBeTrue();
        foreach (var c in result.Dropped)
            (await works([.. result.Kept, c.Directive], default)).ShouldBeFalse($"{c.Directive} could have been kept");
        result.Dropped.Count.ShouldBeLessThanOrEqualTo(rules.Length);
    }
}

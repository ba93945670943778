# The releases ReleaseMatrix.Tests.ps1 runs in CI, one per era of docs/release-matrix.md ("Releases in CI" says why
# each), with what the matrix must show for each: the release label, the store the release writes, and the seed.
@{
    Eras = @(
        @{ Release = '2026.2.12'; Shown = '2026.2.17 or earlier'; Store = 'json'; Seed = 'legacy' }
        @{ Release = '2026.2.19'; Shown = '2026.2.19'; Store = 'json'; Seed = 'legacy' }
        @{ Release = '2026.2.21'; Shown = '2026.2.21-2026.3.2 (not reported)'; Store = 'json'; Seed = 'legacy' }
        @{ Release = '2026.2.22'; Shown = '2026.2.21-2026.3.2 (not reported)'; Store = 'json'; Seed = 'narrowed token' }
        @{ Release = '2026.3.7'; Shown = '2026.3.7'; Store = 'json'; Seed = 'narrowed token' }
        @{ Release = '2026.7.35'; Shown = '2026.7.35'; Store = 'json+sqlite'; Seed = 'narrowed token' }
        @{ Release = '2026.8.1'; Shown = '2026.8.1'; Store = 'sqlite'; Seed = 'narrowed token' }
        @{ Release = '2026.9.4'; Shown = '2026.9.4'; Store = 'sqlite'; Seed = 'narrowed token' }
        @{ Release = '2026.9.6'; Shown = '2026.9.6'; Store = 'sqlite'; Seed = 'narrowed token' }
    )
}

/**
 * Phoenix projects shaped like `mix phx.new --database sqlite3` + `mix phx.gen.release --docker`
 * (Phoenix 1.7's release Dockerfile: a hexpm/elixir builder, a debian:<codename>-<date>-slim runner).
 */
export const PHOENIX_RELEASE_DOCKERFILE = [
  'ARG ELIXIR_VERSION=1.17.3',
  'ARG OTP_VERSION=27.1.2',
  'ARG DEBIAN_VERSION=bookworm-20241016-slim',
  '',
  'ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}"',
  'ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"',
  '',
  'FROM ${BUILDER_IMAGE} as builder',
  '',
  '# install build dependencies',
  'RUN apt-get update -y && apt-get install -y build-essential git \\',
  '    && apt-get clean && rm -f /var/lib/apt/lists/*_*',
  '',
  'WORKDIR /app',
  'RUN mix local.hex --force && \\',
  '    mix local.rebar --force',
  'ENV MIX_ENV="prod"',
  '',
  'COPY mix.exs mix.lock ./',
  'RUN mix deps.get --only $MIX_ENV',
  'RUN mkdir config',
  'COPY config/config.exs config/${MIX_ENV}.exs config/',
  'RUN mix deps.compile',
  'COPY priv priv',
  'COPY lib lib',
  'COPY assets assets',
  'RUN mix assets.deploy',
  'RUN mix compile',
  'COPY config/runtime.exs config/',
  'COPY rel rel',
  'RUN mix release',
  '',
  'FROM ${RUNNER_IMAGE}',
  '',
  'RUN apt-get update -y && \\',
  '  apt-get install -y libstdc++6 openssl libncurses5 locales ca-certificates \\',
  '  && apt-get clean && rm -f /var/lib/apt/lists/*_*',
  "RUN sed -i '/en_US.UTF-8/s/^# //g' /etc/locale.gen && locale-gen",
  'ENV LANG en_US.UTF-8',
  'WORKDIR "/app"',
  'RUN chown nobody /app',
  'ENV MIX_ENV="prod"',
  'COPY --from=builder --chown=nobody:root /app/_build/${MIX_ENV}/rel/my_app ./',
  'USER nobody',
  'CMD ["/app/bin/server"]',
  '',
].join('\n');

export const PHOENIX_SQLITE_MIX_EXS = [
  'defmodule MyApp.MixProject do',
  '  use Mix.Project',
  '',
  '  defp deps do',
  '    [',
  '      {:phoenix, "~> 1.7.14"},',
  '      {:phoenix_ecto, "~> 4.5"},',
  '      {:ecto_sql, "~> 3.10"},',
  '      {:ecto_sqlite3, ">= 0.0.0"},',
  '      {:jason, "~> 1.2"},',
  '      {:bandit, "~> 1.5"}',
  '    ]',
  '  end',
  'end',
  '',
].join('\n');

/** mix.lock of that app: ecto_sqlite3 0.17.x over exqlite 0.27.1 (SQLite 3.47.1). */
export const PHOENIX_SQLITE_MIX_LOCK = [
  '%{',
  '  "bandit": {:hex, :bandit, "1.5.7", "6856b1e1df4f2b0cb3df1377eab7891bec2da6a7fd69dc78594ad3e152363a50", [:mix], [], "hexpm", "f2dd92ae87d2cbea2fa9aa1652db157b6cba6c405cb44d4f6dd87abba41371cd"},',
  '  "cc_precompiler": {:hex, :cc_precompiler, "0.1.10", "47c9c08d8869cf09b41da36538f62bc1abd3e19e41701c2cea2675b53c704258", [:mix], [{:elixir_make, "~> 0.7", [hex: :elixir_make, repo: "hexpm", optional: false]}], "hexpm", "f6e046254e53cd6b41c6bacd70ae728011aa82b2742a80d6e2214855c6e06b22"},',
  '  "ecto_sqlite3": {:hex, :ecto_sqlite3, "0.17.5", "fbee5c17ff6afd8e9ded519b0abb363926c65d30b27577232bb066b2a79957b8", [:mix], [{:decimal, "~> 1.6 or ~> 2.0", [hex: :decimal, repo: "hexpm", optional: false]}, {:ecto, "~> 3.12", [hex: :ecto, repo: "hexpm", optional: false]}, {:exqlite, "~> 0.22", [hex: :exqlite, repo: "hexpm", optional: false]}], "hexpm", "3b54734d998cbd032ac59403c36acf4e019670e8b6ceef9c6c33d8986c4e9704"},',
  '  "exqlite": {:hex, :exqlite, "0.27.1", "73fc0b3dc3b058a77a2b3771f82a6af2ddcf370b069906968a34083d2ffd2884", [:make, :mix], [{:cc_precompiler, "~> 0.1", [hex: :cc_precompiler, repo: "hexpm", optional: false]}, {:db_connection, "~> 2.1", [hex: :db_connection, repo: "hexpm", optional: false]}, {:elixir_make, "~> 0.8", [hex: :elixir_make, repo: "hexpm", optional: false]}], "hexpm", "79ef5756451cfb022e8013e1ed00d0f8f7d1333c19502c394dc16b15cfb4e9b4"},',
  '  "phoenix": {:hex, :phoenix, "1.7.14", "a7d0b3f1bc95987044ddada111e77bd7f75646a08518942c72a8440278ae7825", [:mix], [], "hexpm", "c7859bc56cc5dfef19ecfc240775dae358cbaa530231118a9e014df392ace61a"},',
  '}',
  '',
].join('\n');

export const PHOENIX_RUNTIME_EXS = 'import Config\n\nif config_env() == :prod do\n  database_path = System.get_env("DATABASE_PATH") || raise "DATABASE_PATH is missing"\n\n  config :my_app, MyApp.Repo,\n    database: database_path,\n    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "5")\nend\n';

export const PHOENIX_CONFIG_EXS = 'import Config\n\nconfig :my_app, ecto_repos: [MyApp.Repo]\n\nconfig :my_app, MyApp.Repo, adapter: Ecto.Adapters.SQLite3\n';

/** The Phoenix release with ecto_sqlite3 and exqlite 0.27.1 locked. */
export const PHOENIX_SQLITE = {
  Dockerfile: PHOENIX_RELEASE_DOCKERFILE,
  'mix.exs': PHOENIX_SQLITE_MIX_EXS,
  'mix.lock': PHOENIX_SQLITE_MIX_LOCK,
  'config/config.exs': PHOENIX_CONFIG_EXS,
  'config/runtime.exs': PHOENIX_RUNTIME_EXS,
};

/** The default Phoenix app on Postgres: postgrex in mix.lock, no exqlite. */
export const PHOENIX_POSTGRES = {
  Dockerfile: PHOENIX_RELEASE_DOCKERFILE,
  'mix.exs': PHOENIX_SQLITE_MIX_EXS.replace('{:ecto_sqlite3, ">= 0.0.0"}', '{:postgrex, ">= 0.0.0"}'),
  'mix.lock': [
    '%{',
    '  "ecto_sql": {:hex, :ecto_sql, "3.12.1", "c0d0d60e85d9ff4631f12bafa454bc392ce8b9ec83531a412c12a0d415a3a4d0", [:mix], [], "hexpm", "aff5b958a899762c5f09028c847569f7dfb9cc9d63bdb8133bff8a5546de6bf5"},',
    '  "postgrex": {:hex, :postgrex, "0.19.3", "a0bda6e3bc75ec07fca5b0a89bffd242ca209a4822a9533e7d3e84ee80707e19", [:mix], [], "hexpm", "d31c28053655b78f47f948c85bb1cf86a9c1f8ead346ba1aa0d0df017fa05b61"},',
    '}',
    '',
  ].join('\n'),
  'config/config.exs': PHOENIX_CONFIG_EXS.replace('Ecto.Adapters.SQLite3', 'Ecto.Adapters.Postgres'),
  'config/runtime.exs': PHOENIX_RUNTIME_EXS.replace('DATABASE_PATH', 'DATABASE_URL').replace('database: database_path', 'url: database_path'),
};

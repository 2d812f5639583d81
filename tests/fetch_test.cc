// io::Fetcher against a local HTTP server (cpp-httplib on 127.0.0.1, an ephemeral port) that
// the suite starts itself: no other network is touched.
//
// Debian's cpp-httplib is a compiled library (libcpp-httplib.so) whose header must be read with
// the defines of cpp-httplib.pc (CPPHTTPLIB_OPENSSL_SUPPORT, ...), or its classes do not have
// the layout the library was built with. Linking the test target to the pkg-config target
// brings both; without it the suite reports itself skipped rather than breaking the link.
#include "io/fetch.h"

#include <gtest/gtest.h>

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gazette::io {
namespace {

using Clock = std::chrono::steady_clock;

std::string gzip(const std::string& data) {
  z_stream z{};
  // 15 + 16: a gzip wrapper rather than zlib's.
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A loopback port nothing listens on: bound, then released.
int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

const std::string kPage = "<html><head><title>Caf\xe9</title></head><body><p>Hello</p></body></html>";

class FetchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A proxy from the environment must not take the loopback requests elsewhere.
    for (const char* name : {"no_proxy", "NO_PROXY"}) {
      const char* old = std::getenv(name);
      std::string value = std::string("127.0.0.1,localhost") + (old && *old ? std::string(",") + old : "");
      setenv(name, value.c_str(), 1);
    }
  }

  void SetUp() override {
    // More workers than cpp-httplib's default (8 on a small machine): the per-host test must be
    // limited by the client, never by the server.
    server_.new_task_queue = [] { return new httplib::ThreadPool(24); };
    server_.set_keep_alive_timeout(1);

    server_.Get("/page", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Date", "Sun, 06 Nov 1994 08:49:37 GMT");
      res.set_content(kPage, "text/html; charset=ISO-8859-1");
    });
    server_.Get("/ua", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      user_agent_ = req.get_header_value("User-Agent");
      accept_encoding_ = req.get_header_value("Accept-Encoding");
      res.set_content("ok", "text/plain");
    });
    // /r/3 -> /r/2 -> /r/1 -> /page
    server_.Get(R"(/r/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      int n = std::stoi(req.matches[1]);
      res.set_redirect(n > 1 ? "/r/" + std::to_string(n - 1) : "/page", n % 2 ? 301 : 302);
    });
    server_.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    server_.Get("/to-ftp", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("ftp://127.0.0.1/file");
    });
    // A consent wall: without the cookie it sets, /consent and /check redirect to each other.
    server_.Get("/consent", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Set-Cookie", "consent=yes; Path=/");
      res.set_redirect("/check");
    });
    server_.Get("/check", [](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Cookie").find("consent=yes") == std::string::npos) {
        res.set_redirect("/consent");
        return;
      }
      res.set_content("<p>behind the wall</p>", "text/html");
    });
    server_.Get("/gzip", [](const httplib::Request& req, httplib::Response& res) {
      std::string text;
      for (int i = 0; i < 200; ++i) text += "<p>Paragraph " + std::to_string(i) + " of a compressed page.</p>\n";
      if (req.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) {
        res.status = 406;
        return;
      }
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip(text), "text/html; charset=utf-8");
    });
    // 1 MiB of zeros in about 1 KiB: over a small max_bytes only once decoded.
    server_.Get("/bomb", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(gzip(std::string(1u << 20, '0')), "text/html");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(5000, 'x'), "text/html");  // with Content-Length
    });
    server_.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
        if (offset >= 100000) {
          sink.done();
          return true;
        }
        std::string chunk(1000, 'y');
        return sink.write(chunk.data(), chunk.size());
      });
    });
    server_.Get("/status/404", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("<p>no such page</p>", "text/html");
    });
    server_.Get("/status/500", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content("oops", "text/plain");
    });
    // Answers after ?ms= milliseconds, with its name in the body.
    server_.Get("/delay", [](const httplib::Request& req, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(req.get_param_value("ms"))));
      res.set_content("delay " + req.get_param_value("ms"), "text/plain");
    });
    // Sends headers, then a byte every 50 ms for 3 s, unless the client goes away first.
    server_.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [this](size_t offset, httplib::DataSink& sink) {
        if (offset >= 60 || stopping_) {
          sink.done();
          return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return sink.write("z", 1);
      });
    });
    // Counts the requests it is serving at once.
    server_.Get("/concurrent", [this](const httplib::Request&, httplib::Response& res) {
      int now = ++in_flight_;
      int seen = max_in_flight_.load();
      while (now > seen && !max_in_flight_.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(80));
      --in_flight_;
      res.set_content("counted", "text/plain");
    });

    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    // The socket listens from bind_to_any_port on: requests queue until the loop accepts them.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }

  void TearDown() override {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Fetches `urls` with `options` and returns every result, in the order next() gave them.
  static std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls, FetchOptions options = {}) {
    Fetcher fetcher(std::move(options));
    for (const auto& u : urls) fetcher.add(u);
    std::vector<FetchResult> results;
    FetchResult r;
    while (fetcher.next(r)) results.push_back(std::move(r));
    return results;
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  std::mutex mutex_;
  std::string user_agent_, accept_encoding_;
};

TEST_F(FetchTest, PlainPageWithCharsetAndDate) {
  auto results = fetch_all({url("/page")});
  ASSERT_EQ(results.size(), 1u);
  const FetchResult& r = results[0];
  EXPECT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.index, 0u);
  EXPECT_EQ(r.url, url("/page"));
  EXPECT_EQ(r.final_url, url("/page"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html");
  EXPECT_EQ(r.charset, "ISO-8859-1");
  EXPECT_EQ(r.http_date, "1994-11-06T08:49:37Z");
  EXPECT_EQ(r.body, kPage);  // bytes untouched: decoding the charset is the caller's
}

TEST_F(FetchTest, SendsUserAgentAndAcceptEncoding) {
  FetchOptions options;
  options.user_agent = "gazette-test/1.0";
  auto results = fetch_all({url("/ua")}, options);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].error);
  std::lock_guard lock(mutex_);
  EXPECT_EQ(user_agent_, "gazette-test/1.0");
  EXPECT_NE(accept_encoding_.find("gzip"), std::string::npos) << accept_encoding_;
  EXPECT_NE(accept_encoding_.find("deflate"), std::string::npos) << accept_encoding_;
  EXPECT_TRUE(FetchOptions{}.user_agent.starts_with("gazette/"));
}

TEST_F(FetchTest, FollowsRedirectChain) {
  auto results = fetch_all({url("/r/3")});
  ASSERT_EQ(results.size(), 1u);
  const FetchResult& r = results[0];
  EXPECT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.url, url("/r/3"));
  EXPECT_EQ(r.final_url, url("/page"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kPage);
}

TEST_F(FetchTest, RedirectLimitAndLoop) {
  FetchOptions options;
  options.max_redirects = 2;
  auto results = fetch_all({url("/loop"), url("/r/3"), url("/r/2")}, options);
  ASSERT_EQ(results.size(), 3u);
  ASSERT_TRUE(results[0].error);
  EXPECT_EQ(results[0].error->code, ErrorCode::kIo);
  EXPECT_EQ(results[0].error->message, "too many redirects (more than 2)");
  ASSERT_TRUE(results[1].error);  // three redirects, two allowed
  EXPECT_EQ(results[1].error->message, "too many redirects (more than 2)");
  EXPECT_FALSE(results[2].error);
  EXPECT_EQ(results[2].final_url, url("/page"));
}

TEST_F(FetchTest, KeepsCookiesWithinOneRedirectChain) {
  auto results = fetch_all({url("/consent")});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].error) << results[0].error->message;
  EXPECT_EQ(results[0].final_url, url("/check"));
  EXPECT_EQ(results[0].body, "<p>behind the wall</p>");
}

TEST_F(FetchTest, RefusesRedirectToOtherScheme) {
  auto results = fetch_all({url("/to-ftp")});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].error);
  EXPECT_EQ(results[0].error->code, ErrorCode::kIo);
  EXPECT_TRUE(results[0].body.empty());
}

TEST_F(FetchTest, UndoesGzip) {
  auto results = fetch_all({url("/gzip")});
  ASSERT_EQ(results.size(), 1u);
  const FetchResult& r = results[0];
  EXPECT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.charset, "utf-8");
  EXPECT_TRUE(r.body.starts_with("<p>Paragraph 0 of a compressed page.</p>\n")) << r.body.substr(0, 40);
  EXPECT_NE(r.body.find("<p>Paragraph 199 of"), std::string::npos);
}

TEST_F(FetchTest, HttpErrorsArePerUrl) {
  auto results = fetch_all({url("/page"), url("/status/404"), url("/gzip"), url("/status/500"), url("/r/1")});
  ASSERT_EQ(results.size(), 5u);
  EXPECT_FALSE(results[0].error);
  ASSERT_TRUE(results[1].error);
  EXPECT_EQ(results[1].error->code, ErrorCode::kIo);
  EXPECT_EQ(results[1].error->message, "HTTP 404 Not Found");
  EXPECT_EQ(results[1].status, 404);
  EXPECT_EQ(results[1].body, "<p>no such page</p>");  // the error page is kept
  EXPECT_FALSE(results[2].error);
  ASSERT_TRUE(results[3].error);
  EXPECT_EQ(results[3].error->message, "HTTP 500 Internal Server Error");
  EXPECT_EQ(results[3].status, 500);
  EXPECT_FALSE(results[4].error);
  EXPECT_EQ(results[4].body, kPage);
}

TEST_F(FetchTest, TimesOut) {
  FetchOptions options;
  options.timeout_ms = 300;
  auto start = Clock::now();
  auto results = fetch_all({url("/slow"), url("/page")}, options);
  auto elapsed = Clock::now() - start;
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].error);
  EXPECT_EQ(results[0].error->code, ErrorCode::kIo);
  EXPECT_NE(results[0].error->message.find("timed out"), std::string::npos) << results[0].error->message;
  EXPECT_TRUE(results[0].body.empty());
  EXPECT_FALSE(results[1].error);
  EXPECT_LT(elapsed, std::chrono::milliseconds(2000));  // the server would go on for 3 s
}

TEST_F(FetchTest, BodyOverMaxBytes) {
  FetchOptions options;
  options.max_bytes = 4096;
  auto results = fetch_all({url("/big"), url("/big-chunked"), url("/bomb"), url("/page")}, options);
  ASSERT_EQ(results.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(results[i].url);
    ASSERT_TRUE(results[i].error);
    EXPECT_EQ(results[i].error->code, ErrorCode::kTooLarge);
    EXPECT_EQ(results[i].error->message, "body over 4096 bytes");
    EXPECT_TRUE(results[i].body.empty());
  }
  EXPECT_FALSE(results[3].error);  // under the limit
  EXPECT_EQ(results[3].body, kPage);
}

TEST_F(FetchTest, ResultsInAddOrder) {
  // Completion order: 4, 1, 3, 2, 0; next() must still give 0, 1, 2, 3, 4.
  std::vector<std::string> urls = {url("/delay?ms=400"), url("/delay?ms=100"), url("/delay?ms=250"),
                                   url("/delay?ms=180"), url("/delay?ms=0")};
  FetchOptions options;
  options.per_host = 8;  // all five at once
  Fetcher fetcher(options);
  for (const auto& u : urls) fetcher.add(u);
  EXPECT_EQ(fetcher.pending(), 5u);
  FetchResult r;
  std::vector<std::string> bodies;
  for (size_t i = 0; i < urls.size(); ++i) {
    ASSERT_TRUE(fetcher.next(r));
    EXPECT_EQ(r.index, i);
    EXPECT_EQ(r.url, urls[i]);
    EXPECT_FALSE(r.error);
    bodies.push_back(r.body);
  }
  EXPECT_EQ(bodies, (std::vector<std::string>{"delay 400", "delay 100", "delay 250", "delay 180", "delay 0"}));
  EXPECT_EQ(fetcher.pending(), 0u);
  EXPECT_FALSE(fetcher.next(r));
}

TEST_F(FetchTest, AddWhileFetching) {
  // The producer's pattern: top up a small window, take one result, repeat.
  Fetcher fetcher;
  std::vector<std::string> urls;
  for (int i = 0; i < 12; ++i) urls.push_back(url(i % 3 == 1 ? "/status/404" : "/delay?ms=" + std::to_string(i * 5)));
  size_t added = 0;
  size_t got = 0;
  FetchResult r;
  while (true) {
    while (fetcher.pending() < 4 && added < urls.size()) {
      EXPECT_EQ(fetcher.add(urls[added]), added);
      ++added;
    }
    EXPECT_LE(fetcher.pending(), 4u);
    if (!fetcher.next(r)) break;
    EXPECT_EQ(r.index, got);
    EXPECT_EQ(r.url, urls[got]);
    EXPECT_EQ(static_cast<bool>(r.error), got % 3 == 1);
    ++got;
  }
  EXPECT_EQ(got, urls.size());
}

TEST_F(FetchTest, PerHostLimitHolds) {
  std::vector<std::string> urls(8, url("/concurrent"));
  FetchOptions options;
  options.max_connections = 16;
  options.per_host = 2;
  auto results = fetch_all(urls, options);
  ASSERT_EQ(results.size(), 8u);
  for (const auto& r : results) EXPECT_FALSE(r.error);
  EXPECT_EQ(max_in_flight_.load(), 2);

  // The counter does see more when more are allowed (else the check above proves nothing).
  max_in_flight_ = 0;
  options.per_host = 6;
  results = fetch_all(urls, options);
  EXPECT_GT(max_in_flight_.load(), 2);
  EXPECT_LE(max_in_flight_.load(), 6);
}

TEST_F(FetchTest, WaitingForASlotIsNotTimedOut) {
  // One at a time, 100 ms each: the fifth ends 500 ms after add(), past the 400 ms timeout, but
  // only its own 100 ms count.
  FetchOptions options;
  options.per_host = 1;
  options.timeout_ms = 400;
  auto results = fetch_all(std::vector<std::string>(5, url("/delay?ms=100")), options);
  ASSERT_EQ(results.size(), 5u);
  for (const auto& r : results) EXPECT_FALSE(r.error) << r.error->message;
}

TEST_F(FetchTest, MaxConnectionsHolds) {
  std::vector<std::string> urls(6, url("/concurrent"));
  FetchOptions options;
  options.max_connections = 1;
  options.per_host = 4;
  auto results = fetch_all(urls, options);
  EXPECT_EQ(results.size(), 6u);
  EXPECT_EQ(max_in_flight_.load(), 1);
}

TEST_F(FetchTest, ConnectionRefused) {
  std::string refused = "http://127.0.0.1:" + std::to_string(closed_port()) + "/page";
  auto results = fetch_all({refused, url("/page")});
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].error);
  EXPECT_EQ(results[0].error->code, ErrorCode::kIo);
  EXPECT_EQ(results[0].status, 0);
  EXPECT_FALSE(results[0].error->message.empty());
  EXPECT_TRUE(std::islower(static_cast<unsigned char>(results[0].error->message[0])))
      << results[0].error->message;
  EXPECT_NE(results[0].error->message.back(), '.');
  EXPECT_FALSE(results[1].error);
}

TEST_F(FetchTest, RejectsBadUrlsWithoutRequest) {
  auto results = fetch_all({"ftp://127.0.0.1/file", "not a url", "file:///etc/passwd", url("/page"), "http://"});
  ASSERT_EQ(results.size(), 5u);
  for (size_t i : {0u, 1u, 2u, 4u}) {
    SCOPED_TRACE(results[i].url);
    ASSERT_TRUE(results[i].error);
    EXPECT_EQ(results[i].error->code, ErrorCode::kBadInput);
    EXPECT_EQ(results[i].status, 0);
  }
  EXPECT_EQ(results[0].error->message, "unsupported URL scheme \"ftp\": only http and https are fetched");
  EXPECT_EQ(results[1].url, "not a url");
  EXPECT_FALSE(results[3].error);
}

TEST_F(FetchTest, EmptyFetcherAndPromptDestruction) {
  {
    Fetcher idle;
    FetchResult r;
    EXPECT_FALSE(idle.next(r));
  }
  // Destroying a fetcher with transfers in flight aborts them rather than waiting.
  auto start = Clock::now();
  {
    Fetcher fetcher;
    fetcher.add(url("/slow"));
    fetcher.add(url("/delay?ms=100"));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

}  // namespace
}  // namespace gazette::io

#else  // no cpp-httplib flags: the test target does not link PkgConfig::HTTPLIB

TEST(FetchTest, NeedsCppHttplib) {
  GTEST_SKIP() << "the fetch tests need the test target linked to cpp-httplib (pkg-config)";
}

#endif

#include "io/fetch.h"

#include <curl/curl.h>

#include <condition_variable>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "io/http.h"
#include "util/ascii.h"

namespace gazette::io {

namespace {

void init_curl_once() {
  static std::once_flag once;
  // curl_global_init is not thread-safe in every libcurl build; call_once makes it so. There is
  // no matching cleanup: the process ends with libcurl still initialised, which is harmless.
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// RFC 9110 reason phrases: HTTP/2 responses carry none, and servers' own are not always words.
const char* reason_phrase(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 418: return "I'm a teapot";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 425: return "Too Early";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "";
  }
}

std::string http_status_message(long status) {
  std::string message = "HTTP " + std::to_string(status);
  const char* reason = reason_phrase(status);
  if (*reason) message += std::string(" ") + reason;
  return message;
}

// libcurl's messages ("Failed to connect to ... : Connection refused") in Error's style:
// lowercase first letter, no trailing period.
std::string error_style(std::string message) {
  while (!message.empty() && (message.back() == '.' || message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  if (!message.empty()) message[0] = util::ascii_lower(message[0]);
  return message;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" (and the obsolete forms curl_getdate knows) -> ISO 8601 UTC.
std::string iso_utc(const char* http_date) {
  time_t t = curl_getdate(http_date, nullptr);
  if (t == -1) return {};
  struct tm tm;
  if (!gmtime_r(&t, &tm)) return {};
  char buf[32];
  size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

struct Request {
  size_t index = 0;
  std::string url;
  std::string host;  // lowercase: the per-host limit's key
};

// One running transfer. Owned by the I/O thread; libcurl points back to it (CURLOPT_PRIVATE).
struct Transfer {
  Request request;
  CURL* easy = nullptr;
  size_t max_bytes = 0;
  bool too_large = false;
  std::string body;
  char error_buffer[CURL_ERROR_SIZE] = {};

  ~Transfer() {
    if (easy) curl_easy_cleanup(easy);
  }
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (n > t->max_bytes - t->body.size()) {
    // Returning less than n makes libcurl abort with CURLE_WRITE_ERROR: the rest of the body is
    // neither downloaded nor decoded.
    t->too_large = true;
    return 0;
  }
  t->body.append(data, n);
  return n;
}

// Checks that `url` is an absolute http(s) URL and finds its host; the message when not.
std::optional<std::string> host_of(const std::string& url, std::string& host) {
  CURLU* u = curl_url();
  if (!u) return "out of memory";
  std::optional<std::string> problem;
  CURLUcode rc = curl_url_set(u, CURLUPART_URL, url.c_str(), 0);
  if (rc != CURLUE_OK) {
    problem = "invalid URL: " + error_style(curl_url_strerror(rc));
  } else {
    char* scheme = nullptr;
    char* h = nullptr;
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &h, 0);
    std::string s = scheme ? util::ascii_lowercase(scheme) : std::string();
    if (s != "http" && s != "https")
      problem = "unsupported URL scheme \"" + s + "\": only http and https are fetched";
    else if (!h || !*h)
      problem = "invalid URL: no host";
    else
      host = util::ascii_lowercase(h);
    curl_free(scheme);
    curl_free(h);
  }
  curl_url_cleanup(u);
  return problem;
}

}  // namespace

struct Fetcher::Impl {
  FetchOptions options;
  CURLM* multi = nullptr;
  curl_slist* request_headers = nullptr;

  // Shared between the caller's threads and the I/O thread, under `mutex`.
  mutable std::mutex mutex;
  std::condition_variable result_ready;
  std::deque<Request> incoming;           // added, not yet seen by the I/O thread
  std::map<size_t, FetchResult> finished;  // by index, until next() reaches them
  size_t added = 0;
  size_t next_index = 0;
  bool stopping = false;

  // The I/O thread's own.
  std::deque<Request> waiting;  // in add order; started as the limits allow
  std::unordered_map<std::string, unsigned> running_per_host;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> running;

  std::thread io_thread;

  explicit Impl(FetchOptions o) : options(std::move(o)) {
    if (options.max_connections == 0) options.max_connections = 1;
    if (options.per_host == 0) options.per_host = 1;
    init_curl_once();
    multi = curl_multi_init();
    // A backstop for redirect targets, which our own per-host count does not see. Transfers
    // over the limit wait inside libcurl (their timeout running), which only redirects reach.
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(options.per_host));
    // What a browser asks for: some servers answer a bare */* with another representation.
    request_headers = curl_slist_append(
        nullptr, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    io_thread = std::thread([this] { run(); });
  }

  ~Impl() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    curl_multi_wakeup(multi);
    io_thread.join();
    for (auto& [easy, transfer] : running) curl_multi_remove_handle(multi, easy);
    running.clear();
    curl_multi_cleanup(multi);
    curl_slist_free_all(request_headers);
  }

  // Records a result and wakes next() if it waits for it.
  void publish(FetchResult result) {
    {
      std::lock_guard lock(mutex);
      finished.emplace(result.index, std::move(result));
    }
    result_ready.notify_all();
  }

  bool start(const Request& request) {
    auto t = std::make_unique<Transfer>();
    t->request = request;
    t->max_bytes = options.max_bytes;
    CURL* e = curl_easy_init();
    if (!e) return false;
    t->easy = e;
    curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, options.max_redirects);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options.timeout_ms);
    // Refuses a declared Content-Length over the limit before any byte of body; write_body
    // catches the rest (no length, or a small compressed body that inflates past it).
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, request_headers);
    // "": every coding this libcurl decodes, undone as the body arrives.
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    // An in-memory cookie jar for this URL's redirect chain only.
    curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
    // Signals are process-wide and this runs on a background thread.
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    // Destroying a transfer mid-DNS then does not wait for the resolver thread.
    curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
    if (curl_multi_add_handle(multi, e) != CURLM_OK) return false;
    running.emplace(e, std::move(t));
    ++running_per_host[request.host];
    return true;
  }

  // Starts waiting requests, oldest first, while the limits allow. The scan is linear in the
  // number waiting, which the caller's window bounds.
  void start_ready() {
    for (auto it = waiting.begin(); it != waiting.end() && running.size() < options.max_connections;) {
      auto on_host = running_per_host.find(it->host);
      if (on_host != running_per_host.end() && on_host->second >= options.per_host) {
        ++it;
        continue;
      }
      if (!start(*it)) {
        FetchResult r;
        r.index = it->index;
        r.url = it->url;
        r.final_url = it->url;
        r.error = Error{ErrorCode::kIo, "could not start the transfer (libcurl)"};
        publish(std::move(r));
      }
      it = waiting.erase(it);
    }
  }

  void finish(CURL* easy, CURLcode code) {
    auto found = running.find(easy);
    if (found == running.end()) return;
    std::unique_ptr<Transfer> t = std::move(found->second);
    running.erase(found);
    if (--running_per_host[t->request.host] == 0) running_per_host.erase(t->request.host);

    // Read everything off the handle while it is still in the multi handle's care.
    FetchResult r;
    r.index = t->request.index;
    r.url = std::move(t->request.url);
    char* effective = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
    r.final_url = effective ? effective : r.url;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
    char* content_type = nullptr;
    curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type) parse_media_type(content_type, r.content_type, r.charset);
    curl_header* date = nullptr;
    // request -1: the last response of the redirect chain, the one the body comes from.
    if (curl_easy_header(easy, "Date", 0, CURLH_HEADER, -1, &date) == CURLHE_OK && date)
      r.http_date = iso_utc(date->value);
    curl_multi_remove_handle(multi, easy);

    if (code == CURLE_OK) {
      r.body = std::move(t->body);
      if (r.status >= 400) r.error = Error{ErrorCode::kIo, http_status_message(r.status)};
    } else if ((code == CURLE_WRITE_ERROR && t->too_large) || code == CURLE_FILESIZE_EXCEEDED) {
      r.error = Error{ErrorCode::kTooLarge, "body over " + util::size_text(options.max_bytes)};
    } else if (code == CURLE_TOO_MANY_REDIRECTS) {
      r.error = Error{ErrorCode::kIo,
                      "too many redirects (more than " + std::to_string(options.max_redirects) + ")"};
    } else if (code == CURLE_UNSUPPORTED_PROTOCOL) {
      r.error = Error{ErrorCode::kIo, "redirected to a URL that is not http or https"};
    } else {
      // DNS, connect, TLS, timeout ("operation timed out after 300 milliseconds with 3 bytes
      // received"): libcurl's detailed message says it best.
      std::string detail = t->error_buffer[0] ? t->error_buffer : curl_easy_strerror(code);
      r.error = Error{ErrorCode::kIo, error_style(detail)};
    }
    publish(std::move(r));
  }

  void run() {
    while (true) {
      {
        std::lock_guard lock(mutex);
        if (stopping) return;
        while (!incoming.empty()) {
          waiting.push_back(std::move(incoming.front()));
          incoming.pop_front();
        }
      }
      start_ready();
      int still_running = 0;
      curl_multi_perform(multi, &still_running);
      bool any_finished = false;
      int queued = 0;
      while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
        if (m->msg != CURLMSG_DONE) continue;
        finish(m->easy_handle, m->data.result);
        any_finished = true;
      }
      // Freed slots: start what waits and let perform() kick it off before sleeping.
      if (any_finished) continue;
      // Returns on socket activity, when libcurl's next timer is due (timeouts, connect
      // attempts), on curl_multi_wakeup from add() or the destructor, or after a second.
      curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
  }
};

Fetcher::Fetcher(FetchOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Fetcher::~Fetcher() = default;

size_t Fetcher::add(std::string url) {
  Impl& d = *impl_;
  std::string host;
  std::optional<std::string> problem = host_of(url, host);
  size_t index;
  {
    std::lock_guard lock(d.mutex);
    index = d.added++;
    if (problem) {
      FetchResult r;
      r.index = index;
      r.final_url = url;
      r.url = std::move(url);
      r.error = Error{ErrorCode::kBadInput, *problem};
      d.finished.emplace(index, std::move(r));
    } else {
      d.incoming.push_back(Request{index, std::move(url), std::move(host)});
    }
  }
  if (problem) d.result_ready.notify_all();
  else curl_multi_wakeup(d.multi);
  return index;
}

bool Fetcher::next(FetchResult& out) {
  Impl& d = *impl_;
  std::unique_lock lock(d.mutex);
  // Also wakes when another consumer thread took the last pending result.
  d.result_ready.wait(lock, [&] { return d.next_index == d.added || d.finished.count(d.next_index) != 0; });
  if (d.next_index == d.added) return false;
  auto it = d.finished.find(d.next_index);
  out = std::move(it->second);
  d.finished.erase(it);
  ++d.next_index;
  lock.unlock();
  d.result_ready.notify_all();  // another consumer may wait for the new next_index
  return true;
}

size_t Fetcher::pending() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->added - impl_->next_index;
}

}  // namespace gazette::io

// outbox.cpp — see outbox.h.
#include "outbox.h"

#include <algorithm>

namespace winerr {

bool Outbox::push(std::string frame, std::optional<std::string> diagnostics_uri) {
  std::unique_lock l(m_);
  if (gone_) return false;
  if (diagnostics_uri) {
    auto it = std::find_if(q_.begin(), q_.end(), [&](const Item& i) { return i.diagnostics_uri == diagnostics_uri; });
    if (it != q_.end()) {
      // Replace in place: the queue does not grow, and the client still gets the newest list.
      bytes_ -= it->frame.size();
      bytes_ += frame.size();
      it->frame = std::move(frame);
      ++superseded_;
      return true;
    }
  }
  // Wait for room, but never refuse a frame bigger than the whole bound: send it alone.
  if (!(q_.empty() || bytes_ + frame.size() <= max_bytes_)) ++full_waits_;
  cv_.wait(l, [&] { return gone_ || q_.empty() || bytes_ + frame.size() <= max_bytes_; });
  if (gone_) return false;
  bytes_ += frame.size();
  q_.push_back({std::move(frame), std::move(diagnostics_uri)});
  cv_.notify_all();
  return true;
}

std::optional<std::string> Outbox::pop() {
  std::unique_lock l(m_);
  cv_.wait(l, [&] { return !q_.empty() || closed_ || gone_; });
  if (q_.empty() || gone_) return std::nullopt;
  std::string f = std::move(q_.front().frame);
  q_.pop_front();
  bytes_ -= f.size();
  cv_.notify_all();
  return f;
}

void Outbox::client_gone() {
  std::lock_guard l(m_);
  gone_ = true;
  q_.clear();
  bytes_ = 0;
  cv_.notify_all();
}

void Outbox::close() {
  std::lock_guard l(m_);
  closed_ = true;
  cv_.notify_all();
}

bool Outbox::gone() const {
  std::lock_guard l(m_);
  return gone_;
}
std::size_t Outbox::queued_bytes() const {
  std::lock_guard l(m_);
  return bytes_;
}
std::size_t Outbox::full_waits() const {
  std::lock_guard l(m_);
  return full_waits_;
}
std::size_t Outbox::superseded() const {
  std::lock_guard l(m_);
  return superseded_;
}

}  // namespace winerr

import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer, refusal } from '../fakes/fake-assistant';

export const Q_CONDITIONS = 'Điều kiện đăng ký thường trú là gì?';
export const Q_FOLLOW_UP = 'Còn thời hạn giải quyết thì sao?';
export const A_CONDITIONS = 'Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó [1].';
export const A_FOLLOW_UP = 'Trong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ, cơ quan đăng ký cư trú có trách nhiệm thẩm định, cập nhật thông tin về nơi thường trú mới [1].';
export const A_NO_CONTEXT = 'Bạn hỏi thời hạn giải quyết thủ tục nào?';

/**
 * The assistant of the replica tests: the follow-up is answered only when the history the bot
 * passes contains the first question, i.e. only when the conversation state written by one replica
 * was read by the other.
 */
export function followUpAssistant() {
  return createFakeAssistant({
    replies: {
      [Q_CONDITIONS]: groundedAnswer({ question: Q_CONDITIONS, text: A_CONDITIONS, citations: [citationOfResidenceLaw()] }),
      [Q_FOLLOW_UP]: ({ history = [] }) =>
        history.some((turn) => turn.question === Q_CONDITIONS)
          ? groundedAnswer({ question: Q_FOLLOW_UP, text: A_FOLLOW_UP, citations: [citationOfResidenceLaw({ locator: 'Điều 22, khoản 3', chunkId: 'luat-cu-tru-2020#dieu-22-khoan-3-0', passage: A_FOLLOW_UP.replace(' [1]', '') })] })
          : refusal({ question: Q_FOLLOW_UP, text: A_NO_CONTEXT }),
    },
  });
}
